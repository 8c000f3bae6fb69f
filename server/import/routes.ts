/** `POST /api/articles/import`: a new story from text or HTML copied from elsewhere. */
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/authenticate';
import { createArticle, type ArticleCreatorDeps } from '../articles/createArticle';
import { presentSummary } from '../articles/present';
import { PayloadTooLargeError, UnprocessableError, ValidationError } from '../errors';
import { validate } from '../http/validate';
import { importStory } from './wireImport';

/** The most an import may carry, in bytes of UTF-8. */
export const MaxImportBytes = 200 * 1024;
/** The longest headline an import may make (as `POST /api/articles` allows). */
export const MaxHeadlineLength = 300;

// The size is checked after parsing, in bytes and with a 413 of its own (the JSON body limit bounds it before).
const ImportRequest = z
  .object({
    text: z.string().optional(),
    html: z.string().optional(),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.html === undefined), { message: 'Send either text or html, not both and not neither.' });

/** A 422: the input was read but holds no story. */
const UnusableError = (message: string) => UnprocessableError('unusable_import', message);

/** What the import route needs. */
export interface ImportRoutesOptions extends ArticleCreatorDeps {
  /** Announces a new story on the budget. */
  changed?: (articleId: string) => void;
}

/** The import route (behind authentication). */
export function importRoutes(options: ImportRoutesOptions): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = validate(ImportRequest, req.body);
    const source = body.text ?? body.html ?? '';
    if (Buffer.byteLength(source, 'utf8') > MaxImportBytes) throw PayloadTooLargeError(`An import may be at most ${MaxImportBytes / 1024} KB.`);
    if (!source.trim()) throw ValidationError('There is nothing to import: the text is empty.');

    const story = importStory(body);
    if (!story.headline) throw UnusableError('No headline was found: the import needs at least a headline and some text.');
    if (story.headline.length > MaxHeadlineLength) {
      throw UnusableError(`The first line is ${story.headline.length} characters long, too long for a headline. Put the headline on a line of its own.`);
    }
    const hasText = story.standfirst || story.body.content?.some((b) => b.content?.length);
    if (!hasText) throw UnusableError('Only a headline was found: there is no story text to import.');

    const heroCredit = story.hero?.credit ?? null;
    const record = await createArticle(options, {
      createdBy: currentUser(res).id,
      headline: story.headline,
      standfirst: story.standfirst,
      body: story.body,
      meta: {
        // No image comes with an import, only its credit: the desk adds the picture.
        ...(heroCredit ? { hero: { src: '', alt: '', caption: '', credit: heroCredit } } : {}),
        ...(story.aiNote ? { aiNote: story.aiNote } : {}),
      },
    });
    options.changed?.(record.id);
    res.status(201).json({
      article: presentSummary(record, []),
      imported: { headline: story.headline, standfirst: story.standfirst, heroCredit, aiNote: story.aiNote, dropped: story.dropped },
    });
  });

  return router;
}
