import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { AwarenessError, cleanAwarenessUpdate, type AwarenessSpeaker } from './awarenessGuard';

const speaker = (owned: number[] = [], others: number[] = []): AwarenessSpeaker => ({
  identity: { name: 'Rosa Okafor', color: '#1971c2' },
  owned: new Set(owned),
  ownedByOther: (id) => others.includes(id),
});

function updateFrom(states: Record<string, unknown>, clientId = 7): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(states);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return update;
}

function statesOf({ update, entries }: { update: Uint8Array; entries: { clientId: number; state: string }[] }): Map<number, Record<string, unknown>> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(awareness, update, null);
  const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>);
  awareness.destroy();
  // The entries are the update's, states as JSON text.
  expect(new Map(entries.filter((e) => e.state !== 'null').map((e) => [e.clientId, JSON.parse(e.state)]))).toEqual(states);
  return states;
}

describe('cleanAwarenessUpdate', () => {
  it('replaces a forged identity with the session’s, and keeps the carets', () => {
    const forged = updateFrom({ user: { name: 'The Editor-in-Chief', color: '#000000' }, 'cursor:body': { anchor: { a: 1 }, head: { a: 1 } } });
    const state = statesOf(cleanAwarenessUpdate(forged, speaker()));
    expect(state.get(7)).toEqual({ user: { name: 'Rosa Okafor', color: '#1971c2' }, 'cursor:body': { anchor: { a: 1 }, head: { a: 1 } } });
  });

  it('writes each state as JSON.stringify would, the server’s user first and a cleared caret kept', () => {
    const caret = { anchor: { type: null, tname: 'body', item: null, assoc: 0 }, head: { type: null, tname: 'body', item: { client: 7, clock: 12 }, assoc: -1 } };
    const { entries } = cleanAwarenessUpdate(updateFrom({ cursor: null, note: 'x', 'cursor:body': caret, user: { name: 'é\u2028"' } }), speaker());
    expect(entries.map((e) => e.state)).toEqual([JSON.stringify({ user: { name: 'Rosa Okafor', color: '#1971c2' }, cursor: null, 'cursor:body': caret })]);
  });

  it('drops fields the editor does not use and oversized carets', () => {
    const noisy = updateFrom({ user: {}, html: '<img onerror=alert(1)>', 'cursor:headline': { anchor: 'x'.repeat(5000) } });
    expect(statesOf(cleanAwarenessUpdate(noisy, speaker())).get(7)).toEqual({ user: { name: 'Rosa Okafor', color: '#1971c2' } });
  });

  it('never lets a connection speak for another connection’s client', () => {
    const update = updateFrom({ user: {} }, 9);
    expect(statesOf(cleanAwarenessUpdate(update, speaker([], [9]))).size).toBe(0);
  });

  it('refuses unreadable updates', () => {
    expect(() => cleanAwarenessUpdate(Uint8Array.from([1, 7, 1, 3, 0x7b, 0x7b, 0x7b]), speaker())).toThrow(AwarenessError);
    expect(() => cleanAwarenessUpdate(Uint8Array.from([200]), speaker())).toThrow(AwarenessError);
  });

  it('steps over another connection’s state unread, but not past the end of the update', () => {
    const relay = (stateBytes: number[], declared = stateBytes.length) => Uint8Array.from([1, 9, 1, declared, ...stateBytes]);
    // Not JSON at all: another connection's state is not this one's to judge.
    const cleaned = cleanAwarenessUpdate(relay([0x7b, 0x7b, 0x7b]), speaker([], [9]));
    expect(cleaned.entries).toEqual([]);
    expect(statesOf(cleaned).size).toBe(0);
    expect(() => cleanAwarenessUpdate(relay([0x7b], 5), speaker([], [9]))).toThrow(AwarenessError);
  });

  it('takes a relay of a busy story’s states, keeping only this connection’s own', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 40);
    for (let id = 1; id <= 40; id++) {
      encoding.writeVarUint(e, id);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, JSON.stringify({ user: { name: `Editor ${id}` } }));
    }
    const others = Array.from({ length: 39 }, (_, i) => i + 2);
    const states = statesOf(cleanAwarenessUpdate(encoding.toUint8Array(e), speaker([1], others)));
    expect([...states.keys()]).toEqual([1]);
  });
});
