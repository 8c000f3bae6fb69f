/**
 * Tracked suggestions in the story body: text proposed for insertion carries an `insertion` mark, text
 * proposed for deletion stays in place under a `deletion` mark. Both marks carry `{ id, author }`; the
 * two halves of a replacement share one id. Pure: listing, accepting and rejecting suggestions on a
 * ProseMirror doc or transform, for the editor, the server's renderer and the tests.
 */
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';

/** The marks (and Yjs text attributes) that carry suggestions. */
export const SuggestionKinds = ['insertion', 'deletion'] as const;
export type SuggestionKind = (typeof SuggestionKinds)[number];

/** The attributes of a suggestion mark. */
export interface SuggestionAttrs {
  id: string;
  author: string;
}

/** One suggestion as the margin lists it: what it adds, what it deletes, and where it sits. */
export interface Suggestion {
  id: string;
  /** The user id of its author. */
  author: string;
  /** Text it proposes to add ('' for a pure deletion). */
  inserted: string;
  /** Text it proposes to delete ('' for a pure insertion). */
  deleted: string;
  /** Where it starts and ends in the doc (its first and last marked character). */
  from: number;
  to: number;
}

/** Whether a mark name is a suggestion mark. */
export function isSuggestionKind(name: string): name is SuggestionKind {
  return (SuggestionKinds as readonly string[]).includes(name);
}

/** The suggestion attributes of a mark, or null when it is not a (well-formed) suggestion mark. */
export function suggestionOf(mark: Mark): (SuggestionAttrs & { kind: SuggestionKind }) | null {
  if (!isSuggestionKind(mark.type.name)) return null;
  const { id, author } = mark.attrs as { id: unknown; author: unknown };
  if (typeof id !== 'string' || typeof author !== 'string') return null;
  return { kind: mark.type.name, id, author };
}

/** A new suggestion id: random, so two people suggesting at once never pick the same one. */
export function newSuggestionId(): string {
  return globalThis.crypto.randomUUID();
}

/** Every suggestion in a doc, in the order they first appear. */
export function listSuggestions(doc: ProseMirrorNode): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      const s = suggestionOf(mark);
      if (!s) continue;
      let entry = byId.get(s.id);
      if (!entry) {
        entry = { id: s.id, author: s.author, inserted: '', deleted: '', from: pos, to: pos + node.nodeSize };
        byId.set(s.id, entry);
      }
      if (s.kind === 'insertion') entry.inserted += node.text ?? '';
      else entry.deleted += node.text ?? '';
      entry.to = Math.max(entry.to, pos + node.nodeSize);
    }
    return false;
  });
  return [...byId.values()];
}

/** Which suggestions a command applies to: all, or those with these ids. */
export type SuggestionSelection = 'all' | readonly string[];

type Resolution = 'accept' | 'reject';

/**
 * Resolves suggestions on a transform: accepting keeps an insertion's text (drops its mark) and removes
 * a deletion's text; rejecting does the opposite. All of it is added to `tr` as its own steps.
 */
function resolve<T extends Transform>(tr: T, which: SuggestionSelection, how: Resolution): T {
  const chosen = which === 'all' ? null : new Set(which);
  const picked = (id: string) => chosen === null || chosen.has(id);
  const unmark: { from: number; to: number; mark: Mark }[] = [];
  const remove: { from: number; to: number }[] = [];
  tr.doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    let goes = false;
    const marks: Mark[] = [];
    for (const mark of node.marks) {
      const s = suggestionOf(mark);
      if (!s || !picked(s.id)) continue;
      // Accepting a deletion or rejecting an insertion takes the text out; the rest only drops the mark.
      if ((s.kind === 'deletion') === (how === 'accept')) goes = true;
      else marks.push(mark);
    }
    const to = pos + node.nodeSize;
    if (goes) {
      const last = remove[remove.length - 1];
      if (last && last.to === pos) last.to = to;
      else remove.push({ from: pos, to });
    } else for (const mark of marks) unmark.push({ from: pos, to, mark });
    return false;
  });
  for (const { from, to, mark } of unmark) tr.removeMark(from, to, mark);
  // Right to left, so earlier positions stay valid.
  for (let i = remove.length - 1; i >= 0; i--) tr.delete(remove[i].from, remove[i].to);
  return tr;
}

/** Accepts suggestions: insertions become plain text, deletions are carried out. */
export function acceptSuggestions<T extends Transform>(tr: T, which: SuggestionSelection = 'all'): T {
  return resolve(tr, which, 'accept');
}

/** Rejects suggestions: insertions are taken out, deletions lose their mark. */
export function rejectSuggestions<T extends Transform>(tr: T, which: SuggestionSelection = 'all'): T {
  return resolve(tr, which, 'reject');
}

/** The doc as it reads with every open suggestion rejected: what the public sees until the desk decides. */
export function withoutSuggestions(doc: ProseMirrorNode): ProseMirrorNode {
  let any = false;
  doc.descendants((node) => {
    if (any) return false;
    if (node.isText && node.marks.some((m) => isSuggestionKind(m.type.name))) any = true;
    return !node.isText;
  });
  return any ? rejectSuggestions(new Transform(doc)).doc : doc;
}

/** What `GET /api/articles/:id/suggestions` says of each suggestion: its author and when the server first saw it. */
export interface SuggestionRecord {
  id: string;
  author: { id: string; name: string };
  /** ISO 8601, the server's clock. */
  createdAt: string;
}
