/**
 * Turns a local editing transaction into a tracked one: typed text is kept under the writer's
 * `insertion` mark, deleted text stays in place under their `deletion` mark, and deleting text the
 * writer had proposed themselves takes it out for real. Suggestions are changes to text inside a
 * paragraph; anything else (a new paragraph, a join, a list, formatting other people's text) is
 * refused here, as the server would refuse it (server/collab/suggestionCheck.ts).
 */
import { Fragment, type Mark, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model';
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, Mapping, RemoveMarkStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import { isSuggestionKind, newSuggestionId, suggestionOf, type SuggestionKind } from '../../../../shared/suggestions';

/** Why a change could not be made as a suggestion, in words for the writer. */
export class Untrackable extends Error {}

/** Marks a transaction the tracker produced (or must leave alone, such as accepting and rejecting). */
export const TrackedMeta = 'suggestionTracked';

/** The suggestion mark of `kind` by `author` on a node, if any. */
function ownMark(node: ProseMirrorNode | null | undefined, kind: SuggestionKind, author: string): string | null {
  for (const mark of node?.marks ?? []) {
    const s = suggestionOf(mark);
    if (s && s.kind === kind && s.author === author) return s.id;
  }
  return null;
}

/** The text nodes of a textblock range, with where each starts. */
function textRuns(doc: ProseMirrorNode, from: number, to: number): { node: ProseMirrorNode; from: number; to: number }[] {
  const runs: { node: ProseMirrorNode; from: number; to: number }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) return true;
    if (!node.isText) throw new Untrackable('Only text can be suggested for deletion.');
    runs.push({ node, from: Math.max(pos, from), to: Math.min(pos + node.nodeSize, to) });
    return false;
  });
  return runs;
}

/** The inline text a replacement inserts, or an error when it brings structure (paragraphs, breaks). */
function insertedText(step: ReplaceStep): ProseMirrorNode[] {
  const { slice } = step;
  if (slice.openStart !== slice.openEnd) throw new Untrackable('New paragraphs cannot be suggested; ask an editor, or leave a comment.');
  let content = slice.content;
  for (let depth = 0; depth < slice.openStart; depth++) {
    if (content.childCount !== 1) throw new Untrackable('New paragraphs cannot be suggested; ask an editor, or leave a comment.');
    content = content.firstChild!.content;
  }
  const nodes: ProseMirrorNode[] = [];
  content.forEach((node) => {
    if (!node.isText) throw new Untrackable('Only text can be suggested; paragraphs, breaks and images need an editor.');
    nodes.push(node);
  });
  return nodes;
}

/** `marks` without suggestion marks, plus `extra`. */
function withSuggestion(marks: readonly Mark[], extra: Mark): readonly Mark[] {
  return extra.addToSet(marks.filter((m) => !isSuggestionKind(m.type.name)));
}

interface Options {
  /** The user id the suggestions are made by. */
  author: string;
  /** Makes suggestion ids (random UUIDs; tests pass their own). */
  newId?: () => string;
}

/**
 * The tracked version of `original` (a transaction on `state`), or throws `Untrackable`. Each step of
 * the original is replayed onto a fresh transaction, its positions mapped back to the starting doc
 * and forward through what the tracked transaction did so far.
 */
export function trackTransaction(state: EditorState, original: Transaction, { author, newId = newSuggestionId }: Options): Transaction {
  const schema: Schema = state.schema;
  const insertionType = schema.marks.insertion;
  const deletionType = schema.marks.deletion;
  const tracked = state.tr;
  let caret: number | null = null;

  original.steps.forEach((step: Step, index) => {
    // Back to the starting doc through the steps before this one (built by hand: Mapping.invert
    // ignores a slice's bounds).
    const back = new Mapping();
    for (let j = index - 1; j >= 0; j--) back.appendMap(original.mapping.maps[j].invert());
    const toTracked = (pos: number, assoc: number) => tracked.mapping.map(back.map(pos, assoc), assoc);

    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      if (isSuggestionKind(step.mark.type.name)) throw new Untrackable('Suggestions are made by typing and deleting.');
      const from = toTracked(step.from, 1);
      const to = toTracked(step.to, -1);
      if (from >= to) return;
      // Formatting is suggested only on one's own proposed text (it travels with it when accepted).
      for (const run of textRuns(tracked.doc, from, to)) {
        if (!ownMark(run.node, 'insertion', author)) throw new Untrackable('Formatting other people’s text needs Editing mode.');
      }
      tracked.step(step instanceof AddMarkStep ? new AddMarkStep(from, to, step.mark) : new RemoveMarkStep(from, to, step.mark));
      return;
    }
    if (!(step instanceof ReplaceStep) || (step as unknown as { structure: boolean }).structure) throw new Untrackable('Only changes to text can be suggested.');

    const from = toTracked(step.from, 1);
    const to = Math.max(from, toTracked(step.to, -1));
    const $from = tracked.doc.resolve(from);
    const $to = tracked.doc.resolve(to);
    if (!$from.parent.isTextblock || !$from.sameParent($to)) throw new Untrackable('Suggestions stay inside one paragraph: joining or splitting paragraphs needs an editor.');
    const inserted = insertedText(step);
    const runs = textRuns(tracked.doc, from, to);
    // Positions above are in the tracked doc as this step found it; map them through what it adds.
    const start = tracked.mapping.maps.length;
    const since = (pos: number, assoc = 1) => tracked.mapping.slice(start).map(pos, assoc);

    // Carry on a suggestion the writer is making here rather than start a new one with each key.
    const deletionId = ownMark($from.nodeBefore, 'deletion', author) ?? ownMark($to.nodeAfter, 'deletion', author);
    const insertionId = ownMark($from.nodeBefore, 'insertion', author) ?? ownMark($to.nodeAfter, 'insertion', author);
    const struck = runs.filter((r) => !ownMark(r.node, 'insertion', author) && !r.node.marks.some((m) => m.type === deletionType));
    const replacing = struck.length > 0 && inserted.length > 0;
    const id = (replacing ? deletionId : null) ?? (inserted.length ? (insertionId ?? deletionId) : deletionId) ?? newId();

    // Others' text is struck through (already struck text is left as it is); the writer's own
    // proposed text is simply taken out, right to left so positions hold.
    const deletion = deletionType.create({ id, author });
    for (const run of struck) tracked.addMark(run.from, run.to, deletion);
    const own = runs.filter((r) => ownMark(r.node, 'insertion', author));
    for (let i = own.length - 1; i >= 0; i--) tracked.delete(since(own[i].from), since(own[i].to));

    const end = since(to, 1);
    if (inserted.length) {
      const insertion = insertionType.create({ id, author });
      const nodes = inserted.map((node) => node.mark(withSuggestion(node.marks, insertion)));
      const fragment = Fragment.fromArray(nodes);
      tracked.insert(end, fragment);
      caret = end + fragment.size;
    } else {
      // Delete (forward) leaves the caret after what it struck; Backspace before it.
      const forward = index === 0 && state.selection.empty && state.selection.from === step.from && step.to > step.from;
      caret = forward ? end : since(from, -1);
    }
  });

  // The caret goes where the writer expects it even when the original left the selection to be mapped:
  // after a struck character it would stay put, and the next Backspace would strike nothing.
  if (caret !== null) tracked.setSelection(TextSelection.create(tracked.doc, caret));
  else if (original.selectionSet) tracked.setSelection(original.selection.map(tracked.doc, tracked.mapping));
  if (original.storedMarksSet) tracked.setStoredMarks(original.storedMarks);
  if (original.scrolledIntoView) tracked.scrollIntoView();
  // Keep what the view and other plugins said about the change (paste, composition, ui event).
  const meta = (original as unknown as { meta: Record<string, unknown> }).meta;
  for (const key of Object.keys(meta)) tracked.setMeta(key, meta[key]);
  tracked.setMeta(TrackedMeta, true);
  return tracked;
}

/**
 * In Editing mode, text typed or pasted is plain: it must not take a suggestion mark from its
 * neighbours (typing inside someone's suggestion) or from the clipboard. Returns `tr` with the marks
 * taken off what it inserted.
 */
export function plainInsertions(tr: Transaction): Transaction {
  const ranges: [number, number][] = [];
  tr.steps.forEach((step, index) => {
    if (!(step instanceof ReplaceStep) || step.slice.size === 0) return;
    const rest = tr.mapping.slice(index + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = rest.map(newStart, 1);
      const to = rest.map(newEnd, -1);
      if (to > from) ranges.push([from, to]);
    });
  });
  const { insertion, deletion } = tr.doc.type.schema.marks;
  for (const [from, to] of ranges) {
    let marked = false;
    tr.doc.nodesBetween(from, to, (node) => {
      if (node.marks.some((m) => m.type === insertion || m.type === deletion)) marked = true;
      return !marked;
    });
    if (!marked) continue;
    tr.removeMark(from, to, insertion);
    tr.removeMark(from, to, deletion);
  }
  return tr;
}
