import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Person } from '../../shared/api';
import { seedUpdate } from '../articles/seed';
import { AuthorIndex } from './AuthorshipStore';
import { compareDocs } from './compareDocs';
import { restoreUpdate } from './restoreUpdate';
import { blocksOf } from './storyText';

const rosa: Person = { id: 'rosa', name: 'Rosa Okafor', color: '#d9480f' };
const ines: Person = { id: 'ines', name: 'Inès Moreau', color: '#1971c2' };

/** A story with a heading, a list, a quote and a figure, written by Rosa's client. */
function story(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    seedUpdate({
      headline: 'Harbour bridge to close',
      body: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What changes' }] },
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Buses divert through the old town.' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cyclists can still cross.' }] }] },
            ],
          },
          { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'They have reached the end of their life.' }] }] },
          { type: 'figure', attrs: { src: 'https://images.galley.test/bridge.jpg', alt: 'The bridge', caption: 'The bridge at dusk', credit: 'Lena Berg' } },
        ],
      },
    }),
  );
  return doc;
}

/** A copy of a doc that edits as another client. */
function copy(doc: Y.Doc): Y.Doc {
  const next = new Y.Doc();
  Y.applyUpdate(next, Y.encodeStateAsUpdate(doc));
  return next;
}

const changed = (doc: Y.Doc, newer: Y.Doc, index: AuthorIndex) =>
  compareDocs(doc, newer, index).blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same').map((s) => [b.type, s.kind, s.text, s.by?.id]));

describe('reading a story as blocks', () => {
  it('finds headings, list items, quotes and figures, in order', () => {
    const blocks = blocksOf(story(), 'body');
    expect(blocks.map((b) => [b.type, b.text])).toEqual([
      ['heading', 'What changes'],
      ['listItem', 'Buses divert through the old town.'],
      ['listItem', 'Cyclists can still cross.'],
      ['blockquote', 'They have reached the end of their life.'],
      ['figure', 'Image: https://images.galley.test/bridge.jpg · The bridge · The bridge at dusk · Lena Berg'],
    ]);
  });
});

describe('comparing two states of a story', () => {
  it('attributes insertions to their writer and deletions to their deleter, in any block', () => {
    const before = story();
    const after = copy(before);
    const deleted: { client: number; clock: number; len: number }[] = [];
    after.on('afterTransaction', (tr: Y.Transaction) => tr.deleteSet.clients.forEach((items, client) => items.forEach((d) => deleted.push({ client, clock: d.clock, len: d.len }))));
    const item = ((after.getXmlFragment('body').get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement;
    const text = item.get(0) as Y.XmlText;
    text.delete(0, 'Cyclists'.length);
    text.insert(0, 'People on bikes');
    (after.getXmlFragment('body').get(3) as Y.XmlElement).setAttribute('caption', 'The bridge at night');

    const index = new AuthorIndex(
      new Map([
        [before.clientID, rosa],
        [after.clientID, ines],
      ]),
      new Map(deleted.map((d) => [d.client, [{ clock: d.clock, len: d.len, by: ines }]])),
    );
    expect(changed(before, after, index)).toEqual([
      ['listItem', 'delete', 'Cyclists', 'ines'],
      ['listItem', 'insert', 'People on bikes', 'ines'],
      ['figure', 'delete', 'dusk', 'ines'],
      ['figure', 'insert', 'night', 'ines'],
    ]);
    // Nothing is attributed to the writer of the text nobody touched.
    expect(compareDocs(before, after, index).authors).toEqual([ines]);
  });

  it('restores a version as a change that reads the same as the version, and does nothing when they already agree', () => {
    const version = story();
    const live = copy(version);
    const item = ((live.getXmlFragment('body').get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    (item.get(0) as Y.XmlText).insert(0, 'From Monday, ');
    live.getXmlFragment('body').delete(2, 1);
    live.getMap('meta').set('desk', 'City');

    const update = restoreUpdate(live, copy(version));
    expect(update).not.toBeNull();
    Y.applyUpdate(live, update!);
    expect(blocksOf(live, 'body').map((b) => b.text)).toEqual(blocksOf(version, 'body').map((b) => b.text));
    expect(live.getMap('meta').has('desk')).toBe(false);
    expect(restoreUpdate(live, copy(version))).toBeNull();
  });
});
