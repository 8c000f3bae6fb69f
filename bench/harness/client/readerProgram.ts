/**
 * A new reader in a process of its own (see `ReaderProcess`): it decodes the story ten times to
 * warm Yjs's decoder, then, on each request, opens the story with a real provider, times the first
 * sync and checks the text. A client that is only a client: the harness's own heap (the trace and
 * its quarter of a million frames) would otherwise be collected in the middle of the timing.
 */
import * as Y from 'yjs';
import { openProvider } from './ProviderClient';
import { bodyText } from './story';
import type { FromReader, ToReader } from './ReaderProcess';

function reply(message: FromReader): void {
  process.send!(message);
}

/**
 * Decodes the story ten times as a provider would (an update listener makes Yjs encode it again),
 * so the reopens time the server and the wire, not V8 compiling Yjs's decoder: a process's first
 * decodes take several times as long as later ones.
 */
function warmDecoder(state: Uint8Array): void {
  for (let i = 0; i < 10; i++) {
    const doc = new Y.Doc();
    doc.on('update', () => undefined);
    Y.applyUpdate(doc, state);
    doc.destroy();
  }
}

/** Opens the story and times the first sync; when the text is not complete then, waits a while for it. */
async function reopen({ endpoint, story, expected, patienceMs }: Extract<ToReader, { kind: 'open' }>): Promise<FromReader> {
  const started = performance.now();
  const reader = openProvider(endpoint, story);
  try {
    await reader.synced;
    const syncMs = performance.now() - started;
    const current = () => {
      try {
        return bodyText(reader.doc).toString();
      } catch {
        return '';
      }
    };
    if (current() === expected) return { kind: 'opened', syncMs, completeAtSync: true, completeMs: syncMs };
    // Some servers answer before their stored copy is loaded.
    const deadline = performance.now() + patienceMs;
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      if (current() === expected) return { kind: 'opened', syncMs, completeAtSync: false, completeMs: performance.now() - started };
    }
    return { kind: 'opened', syncMs, completeAtSync: false };
  } finally {
    reader.destroy();
  }
}

process.on('message', (message: ToReader) => {
  const answer = message.kind === 'warm' ? (warmDecoder(message.state), Promise.resolve<FromReader>({ kind: 'warmed' })) : reopen(message);
  answer.then(reply, (err: Error) => reply({ kind: 'failed', error: err.stack ?? String(err) }));
});
process.on('disconnect', () => process.exit(0));
