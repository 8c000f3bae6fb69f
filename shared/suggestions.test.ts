import { describe, expect, it } from 'vitest';
import { Transform } from '@tiptap/pm/transform';
import { bodySchema } from './schema';
import { acceptSuggestions, listSuggestions, rejectSuggestions, withoutSuggestions } from './suggestions';
import { countSuggestions } from './checklist';

const schema = bodySchema();
const ins = (id: string, author = 'rosa') => schema.marks.insertion.create({ id, author });
const del = (id: string, author = 'rosa') => schema.marks.deletion.create({ id, author });

/** "The [old ]bridge [closes][shuts] tonight." with a second paragraph struck by Inès. */
function sample() {
  return schema.node('doc', null, [
    schema.node('paragraph', null, [
      schema.text('The '),
      schema.text('old ', [ins('a')]),
      schema.text('bridge '),
      schema.text('closes', [del('b')]),
      schema.text('shuts', [ins('b'), schema.marks.bold.create()]),
      schema.text(' tonight.'),
    ]),
    schema.node('paragraph', null, [schema.text('Buses '), schema.text('will ', [del('c', 'ines')]), schema.text('divert.')]),
  ]);
}

describe('suggestions', () => {
  it('lists each suggestion once, with what it adds and deletes, in order', () => {
    expect(listSuggestions(sample()).map(({ id, author, inserted, deleted }) => ({ id, author, inserted, deleted }))).toEqual([
      { id: 'a', author: 'rosa', inserted: 'old ', deleted: '' },
      { id: 'b', author: 'rosa', inserted: 'shuts', deleted: 'closes' },
      { id: 'c', author: 'ines', inserted: '', deleted: 'will ' },
    ]);
  });

  it('accepts and rejects all, or by id', () => {
    const text = (t: Transform) => t.doc.textBetween(0, t.doc.content.size, '\n');
    expect(text(acceptSuggestions(new Transform(sample())))).toBe('The old bridge shuts tonight.\nBuses divert.');
    expect(text(rejectSuggestions(new Transform(sample())))).toBe('The bridge closes tonight.\nBuses will divert.');
    const some = acceptSuggestions(new Transform(sample()), ['b']);
    expect(text(some)).toBe('The old bridge shuts tonight.\nBuses will divert.');
    expect(listSuggestions(some.doc).map((s) => s.id)).toEqual(['a', 'c']);
    // Accepted text keeps its other formatting.
    expect(some.doc.nodeAt(some.doc.textContent.indexOf('shuts') + 1)?.marks.map((m) => m.type.name)).toEqual(['bold']);
  });

  it('shows readers the text with every open suggestion rejected', () => {
    const doc = withoutSuggestions(sample());
    expect(doc.textBetween(0, doc.content.size, '\n')).toBe('The bridge closes tonight.\nBuses will divert.');
    expect(countSuggestions(doc.toJSON())).toBe(0);
  });

  it('the checklist counts suggestions, not marked runs', () => {
    expect(countSuggestions(sample().toJSON())).toBe(3);
  });
});
