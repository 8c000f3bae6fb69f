import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from './updateCheck';
import { seedUpdate, paragraphs } from '../articles/seed';

/** A server doc holding a seeded story. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedUpdate({ headline: 'Storm', body: paragraphs('First paragraph.') }));
  return doc;
}

/** The update a client makes on top of the server's doc. */
function edit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  client.transact(() => change(client));
  return Y.encodeStateAsUpdate(client, before);
}

describe('checkUpdate', () => {
  it('takes what an editor does: typing, formatting, new paragraphs and headings, meta values, deletions', () => {
    const server = serverDoc();
    const typing = edit(server, (d) => {
      const text = (d.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(5, ' bold', { bold: true });
      text.delete(0, 2);
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as unknown as string);
      heading.insert(0, [new Y.XmlText('Sub')]);
      d.getXmlFragment('body').insert(1, [heading]);
      d.getMap('meta').set('tags', ['weather']);
    });
    expect(checkUpdate(server, typing)).toMatchObject({ ok: true });
  });

  it('refuses unknown roots, unknown elements and values where text belongs', () => {
    const server = serverDoc();
    const refused = (change: (d: Y.Doc) => void) => {
      const verdict = checkUpdate(server, edit(server, change));
      if (verdict.ok) throw new Error('the update was taken');
      return 'refuse' in verdict ? verdict.refuse : verdict.resync;
    };
    expect(refused((d) => d.getText('evil').insert(0, 'x'))).toContain('root "evil"');
    expect(refused((d) => d.getXmlFragment('body').insert(0, [new Y.XmlElement('script')]))).toContain('not an element of the article schema');
    // A Y.Text written over the body's name lands among its paragraphs through its neighbour.
    expect(refused((d) => d.getText('body').insert(0, 'loose text'))).toContain('ContentString');
    expect(refused((d) => d.getMap('body').set('x', 1))).toContain('no named values');
    expect(refused((d) => d.getText('meta').insert(0, 'x'))).toContain('meta holds only named JSON values');
    expect(refused((d) => d.getMap('meta').set('nested', new Y.Map()))).toContain('meta holds only named JSON values');
  });

  it('refuses elements nested deeper than a story needs', () => {
    const server = serverDoc();
    const deep = edit(server, (d) => {
      let parent: Y.XmlFragment | Y.XmlElement = d.getXmlFragment('body');
      for (let i = 0; i < 40; i++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    expect(checkUpdate(server, deep)).toMatchObject({ ok: false, refuse: expect.stringContaining('nest deeper') });
  });

  it('asks for a resync when an update leans on items the server has not seen', () => {
    const server = serverDoc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const text = (client.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'offline ');
    const afterOffline = Y.encodeStateVector(client);
    text.insert(0, 'then more ');
    const onlyTheLatest = Y.encodeStateAsUpdate(client, afterOffline);
    expect(checkUpdate(server, onlyTheLatest)).toMatchObject({ ok: false, resync: expect.any(String) });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toMatchObject({ ok: true });
  });

  it('refuses what does not decode', () => {
    expect(checkUpdate(serverDoc(), Uint8Array.of(1, 2, 3))).toMatchObject({ ok: false, refuse: expect.stringContaining('does not decode') });
  });
});
