import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Carets, OutdatedMs, readCaretEntries, writeCaretEntries } from './Carets';

const caret = (at: number) => JSON.stringify({ user: { name: 'Rosa Okafor', color: '#1971c2' }, 'cursor:body': { at } });

/** What a stock client makes of an update: its states by client id. */
function asClientSees(update: Uint8Array): Map<number, unknown> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(awareness, update, null);
  const states = new Map(awareness.getStates());
  awareness.destroy();
  return states;
}

describe('Carets', () => {
  it('keeps the newest state of each client, and a removal at the same clock', () => {
    const carets = new Carets();
    expect(carets.apply([{ clientId: 1, clock: 1, state: caret(1) }, { clientId: 2, clock: 4, state: caret(9) }])).toEqual({ taken: true, added: [1, 2], removed: [] });
    // An older or equal clock changes nothing; a renewal with a newer clock is taken.
    expect(carets.apply([{ clientId: 1, clock: 1, state: caret(5) }, { clientId: 2, clock: 3, state: caret(5) }])).toEqual({ taken: false, added: [], removed: [] });
    expect(carets.apply([{ clientId: 1, clock: 2, state: caret(2) }])).toEqual({ taken: true, added: [], removed: [] });
    expect(carets.apply([{ clientId: 2, clock: 4, state: 'null' }])).toEqual({ taken: true, added: [], removed: [2] });
    expect(carets.clients).toEqual([1]);
    // A state older than the removal does not bring the client back.
    expect(carets.apply([{ clientId: 2, clock: 4, state: caret(1) }]).taken).toBe(false);
    expect(asClientSees(carets.encodeAll())).toEqual(new Map([[1, JSON.parse(caret(2))]]));
  });

  it('removes a leaving connection’s states with a newer clock, so every client drops them', () => {
    const carets = new Carets();
    carets.apply([{ clientId: 1, clock: 3, state: caret(1) }, { clientId: 2, clock: 1, state: caret(2) }]);
    const removal = carets.remove([1, 7])!;
    expect(readCaretEntries(removal)).toEqual([{ clientId: 1, clock: 4, state: 'null' }]);
    expect(carets.remove([1])).toBeNull();

    const client = new awarenessProtocol.Awareness(new Y.Doc());
    client.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(client, writeCaretEntries([{ clientId: 1, clock: 3, state: caret(1) }]), null);
    awarenessProtocol.applyAwarenessUpdate(client, removal, null);
    expect(client.getStates().has(1)).toBe(false);
    client.destroy();
  });

  it('drops states nobody renewed for thirty seconds', () => {
    const carets = new Carets();
    carets.apply([{ clientId: 1, clock: 1, state: caret(1) }], 0);
    carets.apply([{ clientId: 2, clock: 1, state: caret(2) }], 20_000);
    expect(carets.expire(OutdatedMs - 1)).toBeNull();
    expect(readCaretEntries(carets.expire(OutdatedMs)!)).toEqual([{ clientId: 1, clock: 2, state: 'null' }]);
    expect(carets.clients).toEqual([2]);
  });
});

describe('readCaretEntries', () => {
  it('reads every entry, or steps over the ones it is told to skip', () => {
    const update = writeCaretEntries([
      { clientId: 1, clock: 2, state: caret(1) },
      { clientId: 5, clock: 3, state: caret(5) },
      { clientId: 7, clock: 1, state: 'null' },
    ]);
    expect(readCaretEntries(update).map((e) => e.clientId)).toEqual([1, 5, 7]);
    expect(readCaretEntries(update, Infinity, (id) => id === 5)).toEqual([
      { clientId: 1, clock: 2, state: caret(1) },
      { clientId: 7, clock: 1, state: 'null' },
    ]);
    expect(() => readCaretEntries(update, 2)).toThrow(/too many/);
    expect(() => readCaretEntries(update.subarray(0, update.length - 3), Infinity, (id) => id === 7)).toThrow(/past the end/);
  });
});
