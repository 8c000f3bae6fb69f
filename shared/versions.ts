/** The JSON shapes of a story's versions and their comparison, shared by the server and the client. */
import type { Person } from './api';
import type { DiffKind } from './diff';

/** How a version came to be saved. */
export type VersionKind = 'transition' | 'manual' | 'restore';

/** One saved version of a story: `GET /api/articles/:id/versions` → `{ versions: VersionInfo[] }` (oldest first). */
export interface VersionInfo {
  id: number;
  name: string;
  kind: VersionKind;
  /** Who saved it (or took the step that saved it); null when the server did. */
  by: Person | null;
  createdAt: string;
}

/** A piece of a compared block: kept, inserted or deleted text, and who inserted or deleted it. */
export interface DiffSpan {
  text: string;
  kind: DiffKind;
  /** Who made the change, when the server knows (changes only). */
  by?: Person;
}

/** The part of the story a compared block belongs to. */
export type DiffField = 'headline' | 'standfirst' | 'body';

/** One block (a paragraph, heading, list item, figure) of a comparison. */
export interface DiffBlock {
  field: DiffField;
  /** The block's node type in the newer version (the older one's for a deleted block): `paragraph`, `heading`, `figure`… */
  type: string;
  /** Whether the block is unchanged, changed, or only in one of the versions. */
  kind: 'same' | 'changed' | 'insert' | 'delete';
  spans: DiffSpan[];
}

/** One end of a comparison: a saved version, or the story as it stands now. */
export interface DiffEnd {
  id: number | 'live';
  name: string;
  at: string;
}

/** `GET /api/articles/:id/versions/:a/diff/:b`: the older end first, whichever order they were asked in. */
export interface VersionDiff {
  from: DiffEnd;
  to: DiffEnd;
  blocks: DiffBlock[];
  /** Everyone a change is attributed to. */
  authors: Person[];
}

/** One change of a comparison, as a summary reads it: what went, what came, who did it, and where. */
export interface ChangeSummary {
  field: DiffField;
  deleted: string;
  inserted: string;
  by: Person[];
  /** A few words of kept text before the change, to find it by. */
  before: string;
}

/** `GET /api/articles/:id/changes-since-sign-off`: null `diff` when the story was never signed off. */
export interface ChangesSinceSignOff {
  signOff: { version: VersionInfo; by: Person | null; at: string } | null;
  diff: VersionDiff | null;
  changes: ChangeSummary[];
}

/** Groups a comparison's changes: each run of adjacent deleted and inserted spans in a block is one change. */
export function summarizeChanges(blocks: DiffBlock[]): ChangeSummary[] {
  const changes: ChangeSummary[] = [];
  for (const block of blocks) {
    let current: ChangeSummary | null = null;
    let kept = '';
    for (const span of block.spans) {
      if (span.kind === 'same') {
        current = null;
        kept += span.text;
        continue;
      }
      if (!current) {
        current = { field: block.field, deleted: '', inserted: '', by: [], before: lastWords(kept) };
        changes.push(current);
      }
      if (span.kind === 'delete') current.deleted += span.text;
      else current.inserted += span.text;
      if (span.by && !current.by.some((p) => p.id === span.by!.id)) current.by.push(span.by);
    }
  }
  return changes;
}

/** The last few words of a text, for context. */
function lastWords(text: string): string {
  const words = text.trimEnd().split(/\s+/).filter(Boolean);
  const tail = words.slice(-4).join(' ');
  return words.length > 4 ? `…${tail}` : tail;
}
