/**
 * Tracked suggestions, enforced by the server. A connection with `suggest` access may change the body
 * only as suggestions of its own: add text inside an `insertion` mark that names it as author, strike
 * existing text with a `deletion` mark that names it, and take out (or unstrike) only what it proposed
 * itself. No one, whatever their access, may make text carry a suggestion mark in someone else's name,
 * and a new suggestion's id is a UUID that no one else's suggestion in the story already carries (the
 * margin and Accept group marks by id: a reused id would put one person's text on another's card).
 *
 * The rules are judged on text, not on Yjs items: the editor's binding (y-tiptap) diffs a paragraph as a
 * plain string and then re-applies formatting, so typing an "l" into "hello" may reach Yjs as an "l"
 * inserted after the existing ones plus formatting that moves the mark. What every reader sees is the
 * text with its marks, so that is what is compared, paragraph by paragraph, before and after.
 *
 * An update is applied to a mirror of the room's doc (kept in step with it, made on first need) and
 * judged in the mirror's `afterTransaction`, while the items it deleted still hold their content. A
 * refused update leaves the mirror behind the room's doc: it is dropped and rebuilt on next need.
 */
import * as Y from 'yjs';
import { ArticleRoots } from '../../shared/article';
import { SuggestionKinds } from '../../shared/suggestions';
import type { Access } from '../../shared/workflow';
import type { DecodedStructs } from './updateCheck';

/** A suggestion an accepted update carried, by its id and author. */
export interface SeenSuggestion {
  id: string;
  author: string;
}

/** What to do with an update. */
export type SuggestionVerdict = { ok: true; suggestions: SeenSuggestion[] } | { ok: false; refuse: string } | { ok: false; resync: string };

/** Who sent an update. */
export interface Sender {
  userId: string;
  access: Access;
}

const SuggestionKeys: ReadonlySet<string> = new Set(SuggestionKinds);
/** A Yjs text attribute that ProseMirror would read as a suggestion mark (y-tiptap appends `--hash` to overlapping marks). */
const suggestionKey = (key: string): boolean => SuggestionKeys.has(key) || SuggestionKinds.some((kind) => key.startsWith(`${kind}--`));
/** Ids read from the doc may predate the UUID rule; this only bounds them. */
const MaxIdLength = 64;
/** What `crypto.randomUUID()` returns (shared/suggestions' `newSuggestionId`). */
const UuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const checking = Symbol('suggestion-check');

type Attrs = Record<string, unknown>;
/** A run of text with the attributes it reads with. */
interface Run {
  text: string;
  attrs: Attrs;
}

/** The suggestion attribute value `{ id, author }`, or null when malformed. */
function suggestionValue(value: unknown): { id: string; author: string } | null {
  if (!value || typeof value !== 'object') return null;
  const { id, author } = value as { id?: unknown; author?: unknown };
  if (typeof id !== 'string' || typeof author !== 'string' || id.length === 0 || id.length > MaxIdLength) return null;
  return { id, author };
}

const authoredBy = (value: unknown, userId: string): boolean => suggestionValue(value)?.author === userId;

/** The root an item lives under ('' when unknown). */
function rootOf(item: Y.Item): string {
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
  return type ? Y.findRootTypeKey(type) : '';
}

/**
 * The text of an XmlText as it read before the transaction (`when` = 'before') or reads after it:
 * items added in the transaction did not exist before; items it deleted still did.
 */
function runsOf(text: Y.XmlText, tx: Y.Transaction, when: 'before' | 'after'): Run[] {
  const present = (item: Y.Item): boolean =>
    when === 'after' ? !item.deleted : item.id.clock < (tx.beforeState.get(item.id.client) ?? 0) && (!item.deleted || Y.isDeleted(tx.deleteSet, item.id));
  if (when === 'after' && text._item?.deleted) return [];
  if (when === 'before' && text._item && !present(text._item)) return [];
  const runs: Run[] = [];
  let attrs: Attrs = {};
  for (let item = text._start; item; item = item.right) {
    if (!present(item)) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      attrs = { ...attrs };
      if (content.value === null) delete attrs[content.key];
      else attrs[content.key] = content.value;
    } else if (content instanceof Y.ContentString) runs.push({ text: content.str, attrs });
    else if (item.countable) runs.push({ text: '\uFFFC'.repeat(item.length), attrs });
  }
  return runs;
}

/** Attributes as one comparable string, with the sender's own deletion mark left out (a suggester may strike and unstrike). */
function comparable(attrs: Attrs, userId: string): string {
  const keys = Object.keys(attrs)
    .filter((key) => !(key === 'deletion' && authoredBy(attrs[key], userId)))
    .sort();
  return keys.length === 0 ? '' : JSON.stringify(keys.map((key) => [key, attrs[key]]));
}

/** The text a suggester did not propose themselves, with where each run of it ends and how it reads. */
function keptText(runs: Run[], userId: string): { text: string; ends: number[]; looks: string[] } {
  let text = '';
  const ends: number[] = [];
  const looks: string[] = [];
  for (const run of runs) {
    if (authoredBy(run.attrs.insertion, userId)) continue;
    text += run.text;
    ends.push(text.length);
    looks.push(comparable(run.attrs, userId));
  }
  return { text, ends, looks };
}

/** Whether two kept texts read the same, run boundaries aside. */
function sameLooks(a: { ends: number[]; looks: string[] }, b: { ends: number[]; looks: string[] }): boolean {
  let i = 0;
  let j = 0;
  while (i < a.ends.length && j < b.ends.length) {
    if (a.looks[i] !== b.looks[j]) return false;
    if (a.ends[i] < b.ends[j]) i++;
    else if (b.ends[j] < a.ends[i]) j++;
    else {
      i++;
      j++;
    }
  }
  return true;
}

/** The XmlTexts a transaction touched, and whether it touched anything a suggester may not. */
interface Touched {
  texts: Set<Y.XmlText>;
  /** Why a suggester may not make this change, if it is not text inside the body. */
  beyondText: string | null;
}

function touchedBy(tx: Y.Transaction): Touched {
  const texts = new Set<Y.XmlText>();
  let beyondText: string | null = null;
  const visit = (struct: Y.Item | Y.GC, added: boolean) => {
    if (!(struct instanceof Y.Item)) return;
    const root = rootOf(struct);
    if (root !== ArticleRoots.body) beyondText ??= `a suggestion may change only the body, not ${root ? `the ${root}` : 'this part of the story'}`;
    if (struct.parentSub !== null) beyondText ??= 'a suggestion may not change an element’s attributes';
    if (struct.parent instanceof Y.XmlText) texts.add(struct.parent);
    if (struct.content instanceof Y.ContentType) {
      const type = struct.content.type;
      if (type instanceof Y.XmlText) texts.add(type);
      else beyondText ??= added ? 'a suggestion may not add paragraphs or other elements' : 'a suggestion may not remove paragraphs or other elements';
    }
  };
  forEachWritten(tx, (struct) => visit(struct, true));
  Y.iterateDeletedStructs(tx, tx.deleteSet, (struct) => visit(struct as Y.Item | Y.GC, false));
  return { texts, beyondText };
}

/** The author the doc already gives a suggestion id, if any. */
type AuthorOf = (id: string) => string | undefined;

/** Judges one applied transaction (see the module comment for the rules). */
function judge(tx: Y.Transaction, doc: Y.Doc, sender: Sender, authorOf: AuthorOf): SuggestionVerdict {
  const { texts, beyondText } = touchedBy(tx);
  const suggesting = sender.access === 'suggest';
  if (suggesting && beyondText) return { ok: false, refuse: beyondText };

  // Everyone: text may carry another person's suggestion mark after the change only where it did before.
  const others = new Map<string, number>();
  /** The suggestion attributes the touched paragraphs held before: only the others are new. */
  const held = new Set<string>();
  const own = new Map<string, SeenSuggestion>();
  const readings = [...texts].map((text) => ({ before: runsOf(text, tx, 'before'), after: runsOf(text, tx, 'after') }));
  const marked = (run: Run) => Object.keys(run.attrs).filter(suggestionKey);
  // Counted over every touched paragraph at once: splitting or joining paragraphs moves marked text.
  for (const { before } of readings) {
    for (const run of before) {
      for (const key of marked(run)) {
        const prefix = `${key}\u0000${JSON.stringify(run.attrs[key])}\u0000`;
        held.add(prefix);
        for (const ch of run.text) others.set(prefix + ch, (others.get(prefix + ch) ?? 0) + 1);
      }
    }
  }
  for (const { after } of readings) {
    for (const run of after) {
      for (const key of marked(run)) {
        const value = suggestionValue(run.attrs[key]);
        const prefix = `${key}\u0000${JSON.stringify(run.attrs[key])}\u0000`;
        if (SuggestionKeys.has(key) && value && value.author === sender.userId) {
          if (!held.has(prefix)) {
            if (!UuidPattern.test(value.id)) return { ok: false, refuse: 'a suggestion id must be a UUID' };
            const author = authorOf(value.id);
            if (author !== undefined && author !== value.author) return { ok: false, refuse: 'a suggestion id may not be one that another author’s suggestion carries' };
          }
          own.set(value.id, value);
          continue;
        }
        for (const ch of run.text) {
          const left = (others.get(prefix + ch) ?? 0) - 1;
          if (left < 0) return { ok: false, refuse: value ? 'a suggestion mark may name only its sender as author' : 'a suggestion mark must carry an id and an author' };
          others.set(prefix + ch, left);
        }
      }
    }
  }
  if (!suggesting) return { ok: true, suggestions: [...own.values()] };

  // A suggester: leave out the text they proposed themselves; what remains of each paragraph must read
  // the same, except for their own deletion marks.
  for (const { before, after } of readings) {
    for (const run of after) {
      if (authoredBy(run.attrs.insertion, sender.userId) && authoredBy(run.attrs.deletion, sender.userId)) {
        return { ok: false, refuse: 'a suggester deletes their own proposed text rather than striking it' };
      }
    }
    const was = keptText(before, sender.userId);
    const now = keptText(after, sender.userId);
    if (was.text.length !== now.text.length) {
      return { ok: false, refuse: now.text.length < was.text.length ? 'a suggestion may not delete text, only strike it through' : 'text added as a suggestion must be marked as the sender’s insertion' };
    }
    if (was.text !== now.text) return { ok: false, refuse: 'a suggestion may not change existing text, only strike it through' };
    if (!sameLooks(was, now)) return { ok: false, refuse: 'a suggestion may not change the formatting or suggestions of existing text' };
  }
  return { ok: true, suggestions: [...own.values()] };
}

/** Whether an item is a suggestion attribute being set (not cleared). */
function isSuggestionFormat(s: Y.Item | Y.GC | Y.Skip): s is Y.Item & { content: Y.ContentFormat } {
  return s instanceof Y.Item && s.content instanceof Y.ContentFormat && suggestionKey(s.content.key) && s.content.value !== null;
}

/** Calls `visit` with each struct a transaction wrote, read from the doc's store rather than from its update. */
function forEachWritten(tx: Y.Transaction, visit: (struct: Y.Item | Y.GC) => void): void {
  tx.afterState.forEach((after, client) => {
    const before = tx.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = tx.doc.store.clients.get(client) ?? [];
    // The struct holding `before` may have been merged with older ones; a format item never is.
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++) visit(structs[i] as Y.Item | Y.GC);
  });
}

/** The suggestion attributes a transaction wrote. */
function writtenFormats(tx: Y.Transaction): Y.ContentFormat[] {
  const formats: Y.ContentFormat[] = [];
  forEachWritten(tx, (s) => {
    if (isSuggestionFormat(s)) formats.push(s.content);
  });
  return formats;
}

/** The suggestion attributes a doc's store still holds (a deleted item's may be gone). */
function heldFormats(doc: Y.Doc): Y.ContentFormat[] {
  const formats: Y.ContentFormat[] = [];
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (isSuggestionFormat(s)) formats.push(s.content);
  }
  return formats;
}

/** Adds the ids and authors of suggestion attributes to `authors`, keeping the first author of an id. */
function noteAuthors(authors: Map<string, string>, formats: Y.ContentFormat[]): Map<string, string> {
  for (const format of formats) {
    const value = suggestionValue(format.value);
    if (value && !authors.has(value.id)) authors.set(value.id, value.author);
  }
  return authors;
}

/** Checks the updates of one room against the suggestion rules. */
export class SuggestionGuard {
  private mirror: Y.Doc | null = null;
  /** Unknown until first needed; once suggestions appear in a story, every edit is checked. */
  private mayHoldSuggestions: boolean | null = null;
  /** Each suggestion id the doc has carried, with its first author; made on first need. */
  private authors: Map<string, string> | null = null;
  /**
   * Sees every update applied to the room's doc, whatever brought it (a connection, another instance,
   * the store, a restore): suggestions that arrive without a check here still count.
   */
  private readonly follow = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (this.mirror) Y.applyUpdate(this.mirror, update);
    // Both are worked out from the whole doc when first needed; until then there is nothing to keep up.
    if (this.mayHoldSuggestions !== false && this.authors === null) return;
    const formats = writtenFormats(tr);
    if (formats.length === 0) return;
    if (this.mayHoldSuggestions === false) this.mayHoldSuggestions = true;
    if (this.authors) noteAuthors(this.authors, formats);
  };

  constructor(private readonly live: Y.Doc) {
    live.on('update', this.follow);
  }

  /** Judges an update before it is applied to the room's doc; `structs`, if given, are its own, decoded already. */
  check(update: Uint8Array, sender: Sender, structs?: DecodedStructs): SuggestionVerdict {
    if (sender.access !== 'suggest') {
      // An edit that writes no suggestion attribute into a story that has none cannot misuse one.
      this.mayHoldSuggestions ??= heldFormats(this.live).length > 0;
      if (!this.mayHoldSuggestions) {
        // A cheap look before the full check.
        if (!(structs ?? (Y.decodeUpdate(update) as { structs: DecodedStructs }).structs).some(isSuggestionFormat)) return { ok: true, suggestions: [] };
        this.mayHoldSuggestions = true;
      }
    }
    const mirror = (this.mirror ??= this.copyOfLive());
    const authorOf: AuthorOf = (id) => (this.authors ??= noteAuthors(new Map(), heldFormats(this.live))).get(id);
    let verdict: SuggestionVerdict | undefined;
    const onTransaction = (tx: Y.Transaction) => {
      if (tx.origin === checking && !verdict) verdict = judge(tx, mirror, sender, authorOf);
    };
    const pendingBefore = mirror.store.pendingStructs !== null || mirror.store.pendingDs !== null;
    mirror.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(mirror, update, checking);
    } catch (err) {
      verdict = { ok: false, refuse: `the update could not be applied (${(err as Error).message})` };
    } finally {
      mirror.off('afterTransaction', onTransaction);
    }
    verdict ??= { ok: true, suggestions: [] };
    const pending = mirror.store.pendingStructs !== null || mirror.store.pendingDs !== null;
    if (!verdict.ok || (pending && !pendingBefore)) this.dropMirror();
    // Part of it waits for something the server lacks: it cannot be judged yet. Ask for the rest.
    if (verdict.ok && pending && !pendingBefore && sender.access === 'suggest') return { ok: false, resync: 'the suggestion refers to changes the server does not have yet' };
    if (verdict.ok && verdict.suggestions.length) this.mayHoldSuggestions = true;
    return verdict;
  }

  /** Stops following the room's doc (the room unloads). */
  destroy(): void {
    this.live.off('update', this.follow);
    this.dropMirror();
    this.authors = null;
  }

  private copyOfLive(): Y.Doc {
    const copy = new Y.Doc({ guid: this.live.guid });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.live));
    return copy;
  }

  private dropMirror(): void {
    this.mirror?.destroy();
    this.mirror = null;
  }
}
