/** How articles appear in the API: one summary shape for the budget, REST and live events. */
import type { ArticleSummary, Person } from '../../shared/api';
import { colorFor } from '../../shared/people';
import type { ArticleRecord, Byline } from './ArticleStore';

const person = (b: Byline): Person => ({ id: b.id, name: b.name, color: colorFor(b.id) });

/** A story's budget line, with who is in it now. */
export function presentSummary(a: ArticleRecord, present: Person[]): ArticleSummary {
  return {
    id: a.id,
    state: a.state,
    headline: a.headline,
    wordCount: a.wordCount,
    desk: a.desk,
    authors: a.authors.map(person),
    deadline: a.deadline,
    scheduledAt: a.scheduledAt,
    slug: a.slug,
    publishedAt: a.publishedAt,
    createdBy: person(a.createdBy),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    present,
  };
}
