import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { bodySchema } from '../../../../shared/schema';
import { acceptSuggestions, listSuggestions, rejectSuggestions } from '../../../../shared/suggestions';
import { plainInsertions, trackTransaction, Untrackable } from './track';

const schema = bodySchema();
const rosa = 'user-rosa';
const ines = 'user-ines';

function stateOf(...paragraphs: string[]): EditorState {
  const doc = schema.node(
    'doc',
    null,
    paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : [])),
  );
  return EditorState.create({ doc, schema });
}

let counter = 0;
const ids = () => `s${++counter}`;

/** Applies a change as Rosa's suggestion. */
function suggest(state: EditorState, change: (s: EditorState) => ReturnType<EditorState['tr']['insertText']>, author = rosa): EditorState {
  return state.apply(trackTransaction(state, change(state), { author, newId: ids }));
}

/** The text of a doc with insertions in [+…] and deletions in [-…]. */
function marked(state: EditorState): string {
  const out: string[] = [];
  state.doc.forEach((block) => {
    let line = '';
    block.forEach((node) => {
      const ins = node.marks.find((m) => m.type.name === 'insertion');
      const del = node.marks.find((m) => m.type.name === 'deletion');
      let text = node.text ?? '';
      if (del) text = `[-${text}]`;
      if (ins) text = `[+${text}]`;
      line += text;
    });
    out.push(line);
  });
  return out.join('\n');
}

describe('trackTransaction', () => {
  it('keeps typed text under the writer’s insertion mark, one suggestion while they keep typing', () => {
    let state = stateOf('The bridge closes.');
    state = suggest(state, (s) => s.tr.insertText('old ', 5));
    state = suggest(state, (s) => s.tr.insertText('stone ', 9));
    expect(marked(state)).toBe('The [+old stone ]bridge closes.');
    const list = listSuggestions(state.doc);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ author: rosa, inserted: 'old stone ', deleted: '' });
  });

  it('strikes deleted text through instead of removing it, and Backspace moves the caret before it', () => {
    let state = stateOf('The bridge closes.');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 11)));
    state = suggest(state, (s) => s.tr.delete(10, 11)); // Backspace over the "e" of "bridge"
    state = suggest(state, (s) => s.tr.delete(9, 10));
    expect(marked(state)).toBe('The brid[-ge] closes.');
    expect(listSuggestions(state.doc)).toHaveLength(1);
    expect(state.selection.from).toBe(9);
  });

  it('replaces a selection as one suggestion: the old text struck, the new text after it', () => {
    let state = stateOf('The bridge closes.');
    state = suggest(state, (s) => s.tr.insertText('shuts', 12, 18));
    expect(marked(state)).toBe('The bridge [-closes][+shuts].');
    const [one] = listSuggestions(state.doc);
    expect(one).toMatchObject({ inserted: 'shuts', deleted: 'closes' });
  });

  it('takes the writer’s own proposed text out for real when they delete it', () => {
    let state = stateOf('The bridge closes.');
    state = suggest(state, (s) => s.tr.insertText('old ', 5));
    state = suggest(state, (s) => s.tr.delete(5, 9));
    expect(marked(state)).toBe('The bridge closes.');
    expect(listSuggestions(state.doc)).toHaveLength(0);
  });

  it('strikes through another writer’s proposed text rather than deleting it', () => {
    let state = stateOf('The bridge closes.');
    state = suggest(state, (s) => s.tr.insertText('old ', 5), ines);
    state = suggest(state, (s) => s.tr.delete(5, 9));
    expect(marked(state)).toBe('The [+[-old ]]bridge closes.');
  });

  it('refuses structural changes: splitting or joining paragraphs', () => {
    const state = stateOf('One.', 'Two.');
    expect(() => trackTransaction(state, state.tr.split(3), { author: rosa })).toThrow(Untrackable);
    expect(() => trackTransaction(state, state.tr.delete(5, 7), { author: rosa })).toThrow(Untrackable);
  });

  it('refuses formatting other people’s text, allows formatting one’s own suggestion', () => {
    let state = stateOf('The bridge closes.');
    const bold = schema.marks.bold.create();
    expect(() => trackTransaction(state, state.tr.addMark(1, 4, bold), { author: rosa })).toThrow(Untrackable);
    state = suggest(state, (s) => s.tr.insertText('old ', 5));
    state = suggest(state, (s) => s.tr.addMark(5, 8, bold));
    expect(state.doc.nodeAt(5)?.marks.map((m) => m.type.name).sort()).toEqual(['bold', 'insertion']);
  });

  it('pastes a paragraph’s text as an insertion', () => {
    let state = stateOf('The bridge closes.');
    const pasted = stateOf('wide ').doc.slice(1, 6);
    state = suggest(state, (s) => s.tr.replace(5, 5, pasted));
    expect(marked(state)).toBe('The [+wide ]bridge closes.');
  });

  it('accept and reject leave the expected text', () => {
    let state = stateOf('The bridge closes tonight.');
    state = suggest(state, (s) => s.tr.insertText('shuts', 12, 18));
    state = suggest(state, (s) => s.tr.insertText('old ', 5), ines);
    const [first, second] = listSuggestions(state.doc).sort((a, b) => a.from - b.from);
    const acceptAll = state.apply(acceptSuggestions(state.tr));
    expect(acceptAll.doc.textContent).toBe('The old bridge shuts tonight.');
    const rejectAll = state.apply(rejectSuggestions(state.tr));
    expect(rejectAll.doc.textContent).toBe('The bridge closes tonight.');
    const mixed = state.apply(rejectSuggestions(acceptSuggestions(state.tr, [first.id]), [second.id]));
    expect(marked(mixed)).toBe('The old bridge closes tonight.');
  });
});

describe('plainInsertions', () => {
  it('takes suggestion marks off text typed inside someone’s suggestion in Editing mode', () => {
    let state = stateOf('The bridge closes.');
    state = suggest(state, (s) => s.tr.insertText('old ', 5), ines);
    const typed = state.tr.insertText('X', 6);
    expect(typed.doc.nodeAt(6)?.marks.map((m) => m.type.name)).toEqual(['insertion']);
    const after = state.apply(plainInsertions(typed));
    expect(after.doc.nodeAt(6)?.marks).toEqual([]);
    expect(marked(after)).toBe('The [+o]X[+ld ]bridge closes.');
  });
});
