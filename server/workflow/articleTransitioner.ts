/**
 * Moves a story through the workflow: the table and the gate are checked, then the state change,
 * the audit entry, the version and (when publishing) the frozen published revision are written in
 * one transaction. REST and the scheduler both come here; afterwards the doors are told.
 */
import type { ArticleState } from '../../shared/article';
import { StateLabels } from '../../shared/article';
import type { AuditEntry } from '../../shared/api';
import { countSuggestions, failingRules, publishChecklist, type ChecklistFacts } from '../../shared/checklist';
import { slugify, uniqueSlug } from '../../shared/slug';
import { plainText } from '../../shared/text';
import { canTransition, mayTake, StepDone, targetOf, Transitions, type Action } from '../../shared/workflow';
import type { ArticleReader, ArticleReading } from '../articles/ArticleReader';
import type { ArticleRecord, ArticleStore, StateChange } from '../articles/ArticleStore';
import type { User } from '../auth/users';
import { HttpError, NotFoundError } from '../errors';
import { freezeRevision } from '../publish/freezeRevision';
import type { PublishedStore } from '../publish/PublishedStore';
import type { AuditLog } from './AuditLog';
import type { VersionStore } from './VersionStore';
import { notifyAfter, type Notifier } from './notify';

/** A workflow step as asked for over REST. */
export interface TransitionRequest {
  action: Action;
  note?: string;
  /** When to publish (schedule), ISO 8601. */
  at?: string;
  /** Where send_back goes: `copy_edit` (default) or `draft`. */
  to?: ArticleState;
}

/** What a step did, for the doors to announce. */
export interface TransitionResult {
  article: ArticleRecord;
  event: AuditEntry;
  previous: ArticleState;
}

/** What the transitioner needs. */
export interface TransitionerDeps {
  articles: ArticleStore;
  audit: AuditLog;
  versions: VersionStore;
  published: PublishedStore;
  reader: ArticleReader;
  /** The origin of public URLs (GALLEY_PUBLIC_URL, or where this server listens). */
  publicOrigin: () => string;
  /** Called after every committed step. */
  afterTransition: (result: TransitionResult) => void;
  notifier: Notifier;
  /** Counts a story's spelling and house-style problems that are neither fixed nor dismissed. */
  checks?: UnresolvedChecks;
  /** Counts a story's open comment threads (server/comments). */
  threads?: OpenThreads;
}

/** What the checklist's `checks` line reads (server/checks). */
export interface UnresolvedChecks {
  unresolved(articleId: string, rendered: ArticleReading['rendered']): Promise<number>;
}

/** What the checklist's `comments` line reads (server/comments). */
export interface OpenThreads {
  openCount(articleId: string): Promise<number>;
}

/** A 422 that names the gate that failed. */
const GateError = (id: string, message: string, details?: unknown) => new HttpError(422, id, message, details);

/** The checklist facts of a story as it stands. */
export function checklistFacts(article: ArticleRecord, reading: ArticleReading, unresolvedChecks = 0, openThreads = 0): ChecklistFacts {
  const { rendered } = reading;
  return {
    headline: rendered.headline,
    standfirst: rendered.standfirst,
    bylineCount: article.authors.length,
    bodyWordCount: rendered.wordCount,
    hero: rendered.meta.hero ?? null,
    openSuggestions: countSuggestions(rendered.body),
    openThreads,
    unresolvedChecks,
  };
}


/** The workflow's one way in. */
export class ArticleTransitioner {
  constructor(private readonly deps: TransitionerDeps) {}

  /** Takes a step on behalf of a person, or refuses with 403, 409 or 422 naming the rule. */
  async transition(articleId: string, actor: User, request: TransitionRequest): Promise<TransitionResult> {
    const article = await this.deps.articles.byId(articleId);
    if (!article) throw NotFoundError('There is no story with that id.');
    const rule = Transitions[request.action];
    const isAuthor = article.authors.some((a) => a.id === actor.id);
    if (!mayTake(request.action, actor.role, isAuthor)) {
      const who = rule.who.map((w) => (w === 'author' ? 'an author of the story' : w === 'copy_editor' ? 'the copy desk' : 'an editor')).join(' or ');
      throw new HttpError(403, 'not_allowed', `Only ${who} may ${rule.label.toLowerCase()}.`, { rule: 'who', action: request.action });
    }
    if (!canTransition(request.action, article.state)) {
      throw new HttpError(409, 'wrong_state', `“${rule.label}” is not possible while the story is ${StateLabels[article.state].toLowerCase()}.`, {
        rule: 'from',
        state: article.state,
        allowedFrom: rule.from,
      });
    }
    const note = request.note?.trim() || null;
    if (rule.needsNote && !note) throw GateError('note_required', `${rule.label} needs a note saying why.`, { rule: 'note' });

    const reading = await this.deps.reader.read(articleId);
    const { rendered } = reading;
    const now = new Date();
    const change: StateChange = { state: targetOf(request.action, { requested: request.to, spikedFrom: article.spikedFrom }) };

    switch (request.action) {
      case 'submit':
        if (!rendered.headline || !plainText(rendered.body).trim()) throw GateError('empty_story', 'A story needs a headline and a body before it goes to the copy desk.', { rule: 'not_empty' });
        break;
      case 'sign_off': {
        const open = countSuggestions(rendered.body);
        if (open > 0) throw GateError('open_suggestions', `Accept or reject the ${open} open suggestion${open === 1 ? '' : 's'} before signing off.`, { rule: 'no_open_suggestions' });
        break;
      }
      case 'schedule': {
        const at = request.at ? new Date(request.at) : null;
        if (!at || Number.isNaN(at.getTime())) throw GateError('schedule_time', 'Say when to publish, as a date and time.', { rule: 'time' });
        if (at.getTime() <= now.getTime()) throw GateError('schedule_time', 'The publication time must be in the future.', { rule: 'time_in_future' });
        change.scheduledAt = at.toISOString();
        break;
      }
      case 'unschedule':
        change.scheduledAt = null;
        break;
      case 'spike':
        change.spikedFrom = article.state;
        break;
      case 'restore':
        change.spikedFrom = null;
        break;
      case 'republish': {
        const latest = await this.deps.published.latestForArticle(articleId);
        const changed = !latest || latest.headline !== rendered.headline || latest.standfirst !== rendered.standfirst || latest.html !== rendered.html;
        if (changed && !note) throw GateError('correction_required', 'The text changed since publication: add a correction note for readers.', { rule: 'correction_note' });
        break;
      }
    }
    if (rule.needsChecklist) await this.assertChecklist(article, reading);

    const publishing = request.action === 'publish' || request.action === 'republish';
    if (publishing) Object.assign(change, await this.publicationColumns(article, rendered.headline, now));
    return this.commit({ article, action: request.action, change, note, actorId: actor.id, reading, publishing, now, correction: request.action === 'republish' ? note : null });
  }

  /** The scheduler's step: publish a scheduled story whose time has come, if the checklist still passes. */
  async publishScheduled(articleId: string): Promise<TransitionResult | undefined> {
    const article = await this.deps.articles.byId(articleId);
    if (!article || article.state !== 'scheduled') return undefined;
    const reading = await this.deps.reader.read(articleId);
    const failing = failingRules(publishChecklist(await this.checklistFacts(article, reading)));
    const now = new Date();
    if (failing.length) {
      const note = `Not published at the scheduled time: ${failing.map((f) => f.message).join(' ')}`;
      return this.commit({ article, action: 'schedule_failed', change: { state: 'approval', scheduledAt: null }, note, actorId: null, reading, publishing: false, now, correction: null });
    }
    const change: StateChange = { state: 'published', ...(await this.publicationColumns(article, reading.rendered.headline, now)) };
    return this.commit({ article, action: 'scheduled_publish', change, note: null, actorId: null, reading, publishing: true, now, correction: null });
  }

  /** The checklist facts, with the story's unresolved checks and open comment threads counted. */
  async checklistFacts(article: ArticleRecord, reading: ArticleReading): Promise<ChecklistFacts> {
    return checklistFacts(article, reading, (await this.deps.checks?.unresolved(article.id, reading.rendered)) ?? 0, (await this.deps.threads?.openCount(article.id)) ?? 0);
  }

  private async assertChecklist(article: ArticleRecord, reading: ArticleReading): Promise<void> {
    const failing = failingRules(publishChecklist(await this.checklistFacts(article, reading)));
    if (failing.length) {
      throw GateError('checklist', `The publish checklist does not pass: ${failing.map((f) => f.message).join(' ')}`, { rule: 'checklist', failing });
    }
  }

  private async publicationColumns(article: ArticleRecord, headline: string, now: Date): Promise<Partial<StateChange>> {
    // The slug is fixed at first publication; until then the desk may edit it.
    const slug = article.slug ?? (await uniqueSlug(slugify(headline), (s) => this.deps.articles.slugTaken(s, article.id)));
    return { slug, firstPublishedAt: article.firstPublishedAt ?? now.toISOString(), publishedAt: now.toISOString(), scheduledAt: null };
  }

  private async commit(step: {
    article: ArticleRecord;
    action: AuditEntry['action'];
    change: StateChange;
    note: string | null;
    actorId: string | null;
    reading: ArticleReading;
    publishing: boolean;
    now: Date;
    correction: string | null;
  }): Promise<TransitionResult> {
    const { article, action, change, note, actorId, reading, now } = step;
    const related = step.publishing ? await this.relatedStories(reading) : [];
    const event = await this.deps.articles.transaction(async (tx) => {
      if (!(await this.deps.articles.applyStateChange(article.id, change, now, { on: tx, from: article.state }))) {
        throw new HttpError(409, 'wrong_state', 'The story was moved by someone else meanwhile; reload it and try again.');
      }
      const entry = await this.deps.audit.record({ articleId: article.id, action, from: article.state, to: change.state, userId: actorId, note, at: now }, tx);
      if (action !== 'schedule_failed') {
        await this.deps.versions.save({ articleId: article.id, name: StepDone[action], snapshot: reading.snapshot, rendered: reading.rendered, createdBy: actorId, at: now }, tx);
      }
      if (step.publishing) {
        const published = this.deps.published;
        await published.insert(
          freezeRevision({
            article: { ...article, ...change, state: change.state } as ArticleRecord,
            rendered: reading.rendered,
            snapshot: reading.snapshot,
            slug: change.slug!,
            revision: await published.nextRevision(article.id, tx),
            correction: step.correction,
            corrections: await published.corrections(article.id, tx),
            related,
            publishedBy: actorId,
            at: now,
            firstPublishedAt: change.firstPublishedAt!,
            origin: this.deps.publicOrigin(),
          }),
          tx,
        );
      }
      return entry;
    });
    const updated = (await this.deps.articles.byId(article.id))!;
    const result = { article: updated, event, previous: article.state };
    await notifyAfter(this.deps.notifier, result);
    this.deps.afterTransition(result);
    return result;
  }

  private async relatedStories(reading: ArticleReading): Promise<{ slug: string; headline: string }[]> {
    const related: { slug: string; headline: string }[] = [];
    for (const id of reading.rendered.meta.related ?? []) {
      const latest = await this.deps.published.latestForArticle(id);
      const record = await this.deps.articles.byId(id);
      if (latest && record?.state === 'published') related.push({ slug: latest.slug, headline: latest.headline });
    }
    return related;
  }
}
