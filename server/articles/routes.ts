/** The article routes: the budget, creating a story, one story with what the viewer may do, owned fields and bylines. */
import { Router } from 'express';
import { z } from 'zod';
import type { ArticleDetail, Person } from '../../shared/api';
import { slugify } from '../../shared/slug';
import { accessFor, allows, availableActions } from '../../shared/workflow';
import { currentUser } from '../auth/authenticate';
import type { User, UserStore } from '../auth/users';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { validate } from '../http/validate';
import type { ArticleReader } from './ArticleReader';
import type { ArticleRecord } from './ArticleStore';
import { createArticle, type ArticleCreatorDeps } from './createArticle';
import { presentSummary } from './present';
import { checklistFacts, type OpenThreads, type UnresolvedChecks } from '../workflow/articleTransitioner';
import { publishChecklist } from '../../shared/checklist';

const NewArticle = z.object({ headline: z.string().trim().max(300).optional() }).strict();
const OwnedFields = z
  .object({
    slug: z.string().trim().min(1).max(80).optional(),
    deadline: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
const NewAuthor = z.object({ userId: z.string().min(1).max(64) }).strict();

/** What the article routes need. */
export interface ArticleRoutesOptions extends ArticleCreatorDeps {
  reader: ArticleReader;
  users: UserStore;
  presence: () => Map<string, Person[]>;
  presenceOf: (articleId: string) => Person[];
  /** Announces a changed budget line and access (after a byline or owned field changed). */
  changed: (articleId: string) => void;
  /** The checklist's count of unresolved spelling and house-style problems. */
  checks?: UnresolvedChecks;
  /** The checklist's count of open comment threads. */
  threads?: OpenThreads;
}

/** The article routes (all behind authentication). */
export function articleRoutes(options: ArticleRoutesOptions): Router {
  const router = Router();
  const { articles } = options;

  const load = async (id: string): Promise<ArticleRecord> => {
    const record = await articles.byId(id);
    if (!record) throw NotFoundError('There is no story with that id.');
    return record;
  };
  const isAuthor = (a: ArticleRecord, user: User) => a.authors.some((b) => b.id === user.id);
  const isEditor = (user: User) => user.role === 'publisher' || user.role === 'admin';

  router.get('/', async (_req, res) => {
    const present = options.presence();
    res.json({ articles: (await articles.list()).map((a) => presentSummary(a, present.get(a.id) ?? [])) });
  });

  router.post('/', async (req, res) => {
    const { headline } = validate(NewArticle, req.body);
    const record = await createArticle(options, { createdBy: currentUser(res).id, headline: headline ?? '' });
    options.changed(record.id);
    res.status(201).json(await detail(record, currentUser(res)));
  });

  router.get('/:id', async (req, res) => {
    res.json(await detail(await load(req.params.id), currentUser(res)));
  });

  router.patch('/:id', async (req, res) => {
    const user = currentUser(res);
    const article = await load(req.params.id);
    const fields = validate(OwnedFields, req.body);
    if (!isEditor(user) && !allows(accessFor(user.role, isAuthor(article, user), article.state), 'edit')) {
      throw ForbiddenError('Only someone who may edit the story can change its slug or deadline.');
    }
    if (fields.slug !== undefined) {
      if (article.firstPublishedAt) throw ConflictError('The slug is fixed once the story has been published.');
      const slug = slugify(fields.slug);
      if (await articles.slugTaken(slug, article.id)) throw ConflictError(`The slug “${slug}” is taken by another story.`);
      fields.slug = slug;
    }
    if (fields.deadline !== undefined && !isEditor(user) && !isAuthor(article, user)) throw ForbiddenError('Only an editor or an author sets the deadline.');
    await articles.updateOwned(article.id, { slug: fields.slug, deadline: fields.deadline === undefined ? undefined : fields.deadline && new Date(fields.deadline).toISOString() });
    options.changed(article.id);
    res.json(await detail(await load(article.id), user));
  });

  router.post('/:id/authors', async (req, res) => {
    const user = currentUser(res);
    const article = await load(req.params.id);
    const { userId } = validate(NewAuthor, req.body);
    if (!isEditor(user) && !isAuthor(article, user)) throw ForbiddenError('Only an author of the story or an editor adds co-authors.');
    const coAuthor = await options.users.byId(userId);
    if (!coAuthor) throw ValidationError('There is no such person in the newsroom.');
    await articles.addAuthor(article.id, coAuthor.id, user.id);
    options.changed(article.id);
    res.status(201).json(await detail(await load(article.id), user));
  });

  router.delete('/:id/authors/:userId', async (req, res) => {
    const user = currentUser(res);
    const article = await load(req.params.id);
    if (!isEditor(user) && !isAuthor(article, user)) throw ForbiddenError('Only an author of the story or an editor changes the byline.');
    if (!article.authors.some((a) => a.id === req.params.userId)) throw NotFoundError('That person is not on the byline.');
    if (article.authors.length === 1) throw ConflictError('A story keeps at least one author on its byline.');
    await articles.removeAuthor(article.id, req.params.userId);
    options.changed(article.id);
    res.json(await detail(await load(article.id), user));
  });

  async function detail(record: ArticleRecord, viewer: User): Promise<ArticleDetail> {
    const reading = await options.reader.read(record.id);
    const author = isAuthor(record, viewer);
    return {
      ...presentSummary(record, options.presenceOf(record.id)),
      ...reading.rendered,
      access: accessFor(viewer.role, author, record.state),
      actions: availableActions(viewer.role, author, record.state),
      // One reading of the doc serves the text and the checklist.
      checklist: publishChecklist(checklistFacts(record, reading, (await options.checks?.unresolved(record.id, reading.rendered)) ?? 0, (await options.threads?.openCount(record.id)) ?? 0)),
    };
  }

  return router;
}
