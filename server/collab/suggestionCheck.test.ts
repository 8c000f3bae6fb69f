import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedUpdate, paragraphs } from '../articles/seed';
import { acceptSuggestions, listSuggestions, rejectSuggestions } from '../../shared/suggestions';
import { bodySchema } from '../../shared/schema';
import { bodyNode, editBody, markedBody, positionOf } from '../../test/helpers/suggestions';
import { SuggestionGuard, type Sender } from './suggestionCheck';

const rosa: Sender = { userId: 'rosa', access: 'suggest' };
const ines: Sender = { userId: 'ines', access: 'edit' };
const tom: Sender = { userId: 'tom', access: 'suggest' };

/** Inserts `text` at `at` under an insertion mark with exactly these attributes (as a tampered client could). */
function insertMarked(doc: Y.Doc, text: string, at: (doc: Y.Doc) => number, attrs: { id: string; author: string }): Uint8Array {
  const pos = at(doc);
  return editBody(doc, (s) => s.tr.insertText(text, pos).addMark(pos, pos + text.length, bodySchema().marks.insertion.create(attrs)));
}

/** The room's doc, its guard, and a client doc in step with it. */
function setup(...body: string[]) {
  const live = new Y.Doc();
  Y.applyUpdate(live, seedUpdate({ headline: 'Harbour bridge to close', standfirst: 'Night closures.', body: paragraphs(...body) }));
  const guard = new SuggestionGuard(live);
  const client = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return doc;
  };
  /** Sends an update as the room would: check, then apply only when accepted. */
  const send = (update: Uint8Array, sender: Sender) => {
    const verdict = guard.check(update, sender);
    if (verdict.ok) Y.applyUpdate(live, update);
    return verdict;
  };
  return { live, guard, client, send };
}

describe('SuggestionGuard, for a suggester', () => {
  it('accepts text typed as their own insertion, also where y-tiptap’s diff moves the mark (a doubled letter)', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    const doc = client();
    const update = editBody(doc, (s) => s.tr.insertText('l', positionOf(s.doc, 'will', 2)), { suggest: 'rosa' });
    const verdict = send(update, rosa);
    expect(verdict).toMatchObject({ ok: true, suggestions: [{ author: 'rosa' }] });
    expect(markedBody(live)).toBe('The bridge wi[+l]ll close at night.');
    // Taking the letter out again (their own text) is fine too.
    const undo = editBody(doc, (s) => s.tr.delete(positionOf(s.doc, 'wilLl'.toLowerCase(), 2), positionOf(s.doc, 'willl', 3)), { suggest: 'rosa' });
    expect(send(undo, rosa).ok).toBe(true);
    expect(markedBody(live)).toBe('The bridge will close at night.');
  });

  it('accepts striking existing text through, and unstriking their own strike', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    const doc = client();
    const from = positionOf(doc, 'at night');
    expect(send(editBody(doc, (s) => s.tr.delete(from, from + 8), { suggest: 'rosa' }), rosa).ok).toBe(true);
    expect(markedBody(live)).toBe('The bridge will close [-at night].');
    const unstrike = editBody(doc, (s) => rejectSuggestions(s.tr));
    expect(send(unstrike, rosa).ok).toBe(true);
    expect(markedBody(live)).toBe('The bridge will close at night.');
  });

  it('refuses a plain deletion, an unmarked insertion, and a mark in someone else’s name', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    const before = Y.encodeStateAsUpdate(live);
    const plainDelete = editBody(client(), (s) => s.tr.delete(positionOf(s.doc, 'at night'), positionOf(s.doc, 'at night', 8)));
    expect(send(plainDelete, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('delete') });
    const plainInsert = editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')));
    expect(send(plainInsert, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('insertion') });
    const forged = editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'ines' });
    expect(send(forged, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('author') });
    expect(Y.encodeStateAsUpdate(live)).toEqual(before);
  });

  it('refuses changes beyond the body’s text: headline, meta, a new paragraph, formatting others’ text', () => {
    const { client, send } = setup('The bridge will close at night.');
    const headlineDoc = client();
    const sv = Y.encodeStateVector(headlineDoc);
    ((headlineDoc.getXmlFragment('headline').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Old ');
    expect(send(Y.encodeStateAsUpdate(headlineDoc, sv), rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('headline') });

    const metaDoc = client();
    const sv2 = Y.encodeStateVector(metaDoc);
    metaDoc.getMap('meta').set('desk', 'City');
    expect(send(Y.encodeStateAsUpdate(metaDoc, sv2), rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('meta') });

    const split = editBody(client(), (s) => s.tr.split(positionOf(s.doc, 'at night')));
    expect(send(split, rosa).ok).toBe(false);

    const bold = editBody(client(), (s) => s.tr.addMark(positionOf(s.doc, 'bridge'), positionOf(s.doc, 'bridge', 6), bodySchema().marks.bold.create()));
    expect(send(bold, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('formatting') });
  });

  it('refuses a new suggestion whose id is not a UUID', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    const before = Y.encodeStateAsUpdate(live);
    const update = insertMarked(client(), 'old ', (d) => positionOf(d, 'bridge'), { id: 'rosa-1', author: 'rosa' });
    expect(send(update, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('UUID') });
    expect(Y.encodeStateAsUpdate(live)).toEqual(before);
  });

  it('refuses reusing the id of a colleague’s suggestion, also in another paragraph', () => {
    const { live, client, send } = setup('The bridge will close at night.', 'Buses divert.');
    expect(send(editBody(client(), (s) => s.tr.insertText('All ', positionOf(s.doc, 'Buses')), { suggest: 'tom' }), tom).ok).toBe(true);
    const [toms] = listSuggestions(bodyNode(live));
    expect(toms).toMatchObject({ author: 'tom', inserted: 'All ' });
    const before = Y.encodeStateAsUpdate(live);
    const reused = insertMarked(client(), 'old ', (d) => positionOf(d, 'bridge'), { id: toms.id, author: 'rosa' });
    expect(send(reused, rosa)).toMatchObject({ ok: false, refuse: expect.stringContaining('another') });
    expect(send(insertMarked(client(), 'old ', (d) => positionOf(d, 'bridge'), { id: toms.id, author: 'ines' }), ines).ok).toBe(false);
    expect(Y.encodeStateAsUpdate(live)).toEqual(before);
    // Tom may add to his own suggestion under its id.
    expect(send(insertMarked(client(), 'of ', (d) => positionOf(d, 'Buses'), { id: toms.id, author: 'tom' }), tom).ok).toBe(true);
  });

  it('keeps working after a refusal (its mirror of the doc is rebuilt)', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    expect(send(editBody(client(), (s) => s.tr.delete(2, 5)), rosa).ok).toBe(false);
    const doc = client();
    expect(send(editBody(doc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'rosa' }), rosa).ok).toBe(true);
    expect(markedBody(live)).toBe('The [+old ]bridge will close at night.');
  });
});

describe('SuggestionGuard, for an editor', () => {
  it('lets direct edits through, and accepting or rejecting others’ suggestions', () => {
    const { live, client, send } = setup('The bridge will close at night.', 'Buses divert.');
    const rosaDoc = client();
    send(editBody(rosaDoc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'rosa' }), rosa);
    send(editBody(rosaDoc, (s) => s.tr.delete(positionOf(s.doc, ' at night'), positionOf(s.doc, ' at night', 9)), { suggest: 'rosa' }), rosa);
    expect(markedBody(live)).toBe('The [+old ]bridge will close[- at night].\nBuses divert.');

    const inesDoc = client();
    expect(send(editBody(inesDoc, (s) => s.tr.insertText('All ', positionOf(s.doc, 'Buses'))), ines).ok).toBe(true);
    // Splitting a paragraph inside Rosa's suggestion moves her marked text: still hers, still allowed.
    expect(send(editBody(inesDoc, (s) => s.tr.split(positionOf(s.doc, 'old ', 2))), ines).ok).toBe(true);
    expect(send(editBody(inesDoc, (s) => acceptSuggestions(s.tr)), ines).ok).toBe(true);
    expect(markedBody(live)).toBe('The ol\nd bridge will close.\nAll Buses divert.');
  });

  it('refuses suggestion marks in someone else’s name, and accepts their own suggestions', () => {
    const { client, send } = setup('The bridge will close at night.');
    const forged = editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'rosa' });
    expect(send(forged, ines)).toMatchObject({ ok: false, refuse: expect.stringContaining('author') });
    const own = editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'ines' });
    expect(send(own, ines)).toMatchObject({ ok: true, suggestions: [{ author: 'ines' }] });
  });

  it('refuses typing into someone’s suggestion so that the new text reads as theirs', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    send(editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge')), { suggest: 'rosa' }), rosa);
    // Plain ProseMirror typing inside a marked run takes the run's marks.
    const doc = client();
    const sneaky = editBody(doc, (s) => s.tr.insertText('XYZ', positionOf(s.doc, 'old', 1)));
    expect(markedBody(doc)).toBe('The [+oXYZld ]bridge will close at night.');
    expect(send(sneaky, ines).ok).toBe(false);
    expect(markedBody(live)).toBe('The [+old ]bridge will close at night.');
  });

  it('checks an editor’s typing once suggestions reach the doc other than through the guard (another instance, the store)', () => {
    const { live, client, send } = setup('The bridge will close at night.');
    // An edit while the story holds no suggestion: the guard learns that it holds none.
    expect(send(editBody(client(), (s) => s.tr.insertText('old ', positionOf(s.doc, 'bridge'))), ines).ok).toBe(true);
    // Rosa's suggestion arrives from another instance: applied to the doc without a check here.
    Y.applyUpdate(live, editBody(client(), (s) => s.tr.insertText('new ', positionOf(s.doc, 'old bridge')), { suggest: 'rosa' }));
    expect(markedBody(live)).toBe('The [+new ]old bridge will close at night.');
    const sneaky = editBody(client(), (s) => s.tr.insertText('XYZ', positionOf(s.doc, 'new', 1)));
    expect(send(sneaky, ines).ok).toBe(false);
    expect(markedBody(live)).toBe('The [+new ]old bridge will close at night.');
  });
});
