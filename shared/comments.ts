/**
 * Comment threads anchored to words of a story's body. Threads live in the database (DESIGN.md: the
 * server owns comments, clients cannot forge them); the doc only gives them their place. An anchor is
 * a pair of Yjs relative positions in the `body` fragment: the start sticks to the first commented
 * character, the end to the last one, so typing next to the words (or anywhere else) never moves or
 * stretches the thread, and deleting the words detaches it. Pure and shared: the editor highlights
 * with it, the server reports `detached` with it, the tests drive it with plain Y.Docs.
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { Person } from './api';
import { bodySchema } from './schema';

/** Where a thread sits: two `Y.encodeRelativePosition`s, base64. */
export interface ThreadAnchor {
  start: string;
  end: string;
}

/** One comment of a thread: the first one opens it, the rest are replies. */
export interface ThreadComment {
  id: number;
  author: Person;
  body: string;
  createdAt: string;
}

/** A comment thread as the API shows it: `GET /api/articles/:id/threads` → `{ threads: CommentThread[] }`. */
export interface CommentThread {
  id: string;
  articleId: string;
  anchor: ThreadAnchor;
  /** The words as they were when the thread was opened (shown when they are gone). */
  quote: string;
  createdBy: Person;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: Person | null;
  /** Oldest first; never empty. */
  comments: ThreadComment[];
  /** Whether its words were gone from the body when the server answered (a live editor re-checks its own doc). */
  detached: boolean;
}

/** Sizes the server accepts. */
export const CommentLimits = {
  /** Characters of one comment. */
  body: 5_000,
  /** Characters of a quote; a longer selection is quoted with an ellipsis. */
  quote: 500,
  /** Bytes of one encoded relative position (a real one is a few dozen). */
  position: 96,
} as const;

/** Whether a body node is a leaf (a figure): it takes one position, not two plus its content. */
export type IsLeaf = (nodeName: string) => boolean;

/** The body schema's leaves. */
export const bodyLeaf: IsLeaf = (nodeName) => bodySchema().nodes[nodeName]?.isLeaf ?? false;

/** The body fragment's name in the doc, the only root an anchor may name. */
const BodyRoot = 'body';

/** The two ends of an anchor, decoded; null when either is not a relative position in the body. */
export function decodeAnchor(anchor: ThreadAnchor): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  return start && end ? { start, end } : null;
}

function decodePosition(base64: string): Y.RelativePosition | null {
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length > Math.ceil(CommentLimits.position / 3) * 4) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(base64));
    // A root other than the body would be created on the doc when resolved: refuse it here.
    if (position.tname !== null && position.tname !== BodyRoot) return null;
    if (position.item === null && position.type === null && position.tname === null) return null;
    return position;
  } catch {
    return null;
  }
}

const encodePosition = (position: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(position));

/** A run of text in the body and where it starts, in ProseMirror positions. */
interface Segment {
  text: Y.XmlText;
  parent: object;
  from: number;
  /** The text, one character per position (an embed, should one appear, as U+FFFC). */
  str: string;
}

/** Where a thread is now: its range in ProseMirror positions and its words, or detached. */
export type AnchorPlace = { detached: false; from: number; to: number; text: string } | { detached: true };

const Detached: AnchorPlace = { detached: true };

/**
 * The body as it stands: where each run of text and each node sits in ProseMirror positions (the
 * positions an editor on the same doc uses). Read-only; build a new one after the doc changes.
 */
export class BodyLayout {
  private readonly segments: Segment[] = [];
  /** The position before each node (and each text run), and where each container's content ends. */
  private readonly before = new Map<object, number>();
  private readonly contentEnd = new Map<object, number>();
  private readonly contentStart = new Map<object, number>();

  constructor(
    readonly fragment: Y.XmlFragment,
    private readonly isLeaf: IsLeaf = bodyLeaf,
  ) {
    this.walk(fragment, 0);
  }

  private walk(container: Y.XmlFragment | Y.XmlElement, start: number): number {
    this.contentStart.set(container, start);
    let pos = start;
    for (const child of container.toArray()) {
      this.before.set(child, pos);
      if (child instanceof Y.XmlText) {
        const str = child
          .toDelta()
          .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
          .join('');
        this.segments.push({ text: child, parent: container, from: pos, str });
        pos += str.length;
      } else if (child instanceof Y.XmlElement) {
        pos = this.isLeaf(child.nodeName) ? pos + 1 : this.walk(child, pos + 1) + 1;
      }
    }
    this.contentEnd.set(container, pos);
    return pos;
  }

  /** The ProseMirror position of a Yjs absolute position, or null when it is not in the body. */
  position(at: Y.AbsolutePosition): number | null {
    const { type, index } = at;
    if (type instanceof Y.XmlText) {
      const from = this.before.get(type);
      return from === undefined ? null : from + Math.min(index, type.length);
    }
    const start = this.contentStart.get(type);
    if (start === undefined) return null;
    const children = (type as Y.XmlFragment).toArray();
    return index < children.length ? (this.before.get(children[index]) ?? null) : this.contentEnd.get(type)!;
  }

  /** The text between two positions: runs of one block joined as they stand, blocks by a line break. */
  textBetween(from: number, to: number): string {
    let out = '';
    let previous: Segment | null = null;
    for (const s of this.segments) {
      const a = Math.max(from, s.from);
      const b = Math.min(to, s.from + s.str.length);
      if (b <= a) continue;
      if (previous) out += previous.parent !== s.parent ? '\n' : previous.from + previous.str.length === s.from ? '' : ' ';
      out += s.str.slice(a - s.from, b - s.from);
      previous = s;
    }
    return out;
  }

  /**
   * An anchor for the words between two positions (a selection), or null when there are none. Its
   * ends are moved in to the first and last character, so a selection that starts or ends between
   * blocks still anchors to its words.
   */
  anchor(from: number, to: number): { anchor: ThreadAnchor; quote: string } | null {
    const runs = this.segments.filter((s) => s.str.length > 0);
    const first = runs.find((s) => s.from + s.str.length > from);
    const last = runs.findLast((s) => s.from < to);
    if (!first || !last) return null;
    const startIndex = Math.max(0, from - first.from);
    const endIndex = Math.min(last.str.length, to - last.from);
    const start = first.from + startIndex;
    const end = last.from + endIndex;
    if (start >= end) return null;
    const text = this.textBetween(start, end);
    if (!text.trim()) return null;
    return {
      // Start: the first commented character (assoc 0). End: the last one (assoc -1).
      anchor: {
        start: encodePosition(Y.createRelativePositionFromTypeIndex(first.text, startIndex, 0)),
        end: encodePosition(Y.createRelativePositionFromTypeIndex(last.text, endIndex, -1)),
      },
      quote: quoteOf(text),
    };
  }

  /** Where an anchor's words are now, or detached: undecodable, out of the body, collapsed, or its words deleted. */
  resolve(anchor: ThreadAnchor): AnchorPlace {
    const ends = decodeAnchor(anchor);
    const doc = this.fragment.doc;
    if (!ends || !doc) return Detached;
    // Both the first and the last commented character deleted: the words are gone, whatever was typed in between.
    if (isDeleted(doc, ends.start) && isDeleted(doc, ends.end)) return Detached;
    const start = Y.createAbsolutePositionFromRelativePosition(ends.start, doc);
    const end = Y.createAbsolutePositionFromRelativePosition(ends.end, doc);
    if (!start || !end) return Detached;
    const from = this.position(start);
    const to = this.position(end);
    if (from === null || to === null || from >= to) return Detached;
    const text = this.textBetween(from, to);
    return text.trim() ? { detached: false, from, to, text } : Detached;
  }
}

/** Whether the character a position sticks to has been deleted (false when it sticks to no character). */
function isDeleted(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item;
  if (!id || Y.getState(doc.store, id.client) <= id.clock) return false;
  return Y.getItem(doc.store, id).deleted;
}

/** A quote for a thread: whitespace folded, and no longer than the limit. */
export function quoteOf(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > CommentLimits.quote ? `${clean.slice(0, CommentLimits.quote - 1)}…` : clean;
}

/** Where an anchor's words are now in a body fragment (one-off; use a `BodyLayout` for many threads). */
export function resolveAnchor(fragment: Y.XmlFragment, anchor: ThreadAnchor, isLeaf: IsLeaf = bodyLeaf): AnchorPlace {
  return new BodyLayout(fragment, isLeaf).resolve(anchor);
}

/** An anchor for the words between two ProseMirror positions of a body fragment, or null. */
export function anchorBetween(fragment: Y.XmlFragment, from: number, to: number, isLeaf: IsLeaf = bodyLeaf): { anchor: ThreadAnchor; quote: string } | null {
  return new BodyLayout(fragment, isLeaf).anchor(from, to);
}

/** Characters that may continue a name; a mention ends at anything else. */
const NameCharacter = /[\p{L}\p{M}\p{N}]/u;

/**
 * The people an `@mention` in a comment names: `@` then a member's full name (“@Sam Reporter”), or
 * their first name alone when no one else in the newsroom shares it (“@Sam”). Case does not matter;
 * the longest name that fits wins, so “@Sam Reporter” is not also “@Sam”.
 */
export function mentionedPeople<P extends { id: string; name: string }>(body: string, people: readonly P[]): P[] {
  const firstNames = new Map<string, P[]>();
  for (const p of people) {
    const first = p.name.trim().split(/\s+/)[0]?.toLocaleLowerCase();
    if (first) firstNames.set(first, [...(firstNames.get(first) ?? []), p]);
  }
  const candidates: { name: string; person: P }[] = [
    ...people.map((p) => ({ name: p.name.trim().replace(/\s+/g, ' ').toLocaleLowerCase(), person: p })),
    ...[...firstNames].filter(([, ps]) => ps.length === 1).map(([name, ps]) => ({ name, person: ps[0] })),
  ]
    .filter((c) => c.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);

  const text = body.replace(/\s+/g, ' ').toLocaleLowerCase();
  const found = new Map<string, P>();
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    // An address (`sam@example.org`) is not a mention.
    if (at > 0 && NameCharacter.test(text[at - 1])) continue;
    const rest = text.slice(at + 1);
    const match = candidates.find((c) => rest.startsWith(c.name) && !NameCharacter.test(rest[c.name.length] ?? ' '));
    if (match) found.set(match.person.id, match.person);
  }
  return [...found.values()];
}
