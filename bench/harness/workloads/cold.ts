/**
 * Cold: the editing trace typed into one story through one client, one update per keystroke; how
 * fast the server takes it; the server restarted; how long a new client takes to sync the story,
 * with its text checked against the trace (the median of several restarts, each with a new client);
 * and the bytes on disk against Y.encodeStateAsUpdate.
 *
 * The trace's updates are made beforehand from a copy of the client's doc, then sent as they are
 * over its provider's connection as fast as the socket takes them, so the client's Yjs work
 * does not cap the rate measured. The ingest ends when the server answers a sync step 1 sent after
 * the last update (Galley answers it only once everything before it is stored).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { openProvider, type ProviderClient } from '../client/ProviderClient';
import { ReaderProcess, type Reopened } from '../client/ReaderProcess';
import { bodyText, prepareStory } from '../client/story';
import { updateFrame } from '../client/wire';
import { CpuWindow, waitForIdle } from '../proc';
import { kib, ms, notApplicable, num, percent } from '../report/format';
import { median } from '../stats';
import type { Cell } from '../report/Results';
import { serverPids, type Endpoint } from '../servers/types';
import { loadTrace, type Patch } from '../trace';
import type { Outcome, RunContext, Workload } from './Workload';

/** The trace as update frames for one story, and what the story holds after them. */
interface EncodedTrace {
  frames: Uint8Array[];
  stateVector: Uint8Array;
  /** Y.encodeStateAsUpdate of the story. */
  state: Uint8Array;
  text: string;
}

/**
 * Types the patches into a copy of the client's doc, keeping each update; the client's doc then
 * takes the result without sending it, as if it had typed it itself. (The copy has a client id of
 * its own: Yjs gives a doc a new id when it receives its own id's edits from elsewhere.)
 */
function encodeTrace(client: ProviderClient, patches: Patch[], endpoint: Endpoint, story: string): EncodedTrace {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  const text = bodyText(doc);
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => frames.push(updateFrame(endpoint.dialect, story, update)));
  for (const [pos, del, ins] of patches) {
    doc.transact(() => {
      if (del) text.delete(pos, del);
      if (ins) text.insert(pos, ins);
    });
  }
  const state = Y.encodeStateAsUpdate(doc);
  const encoded = { frames, stateVector: Y.encodeStateVector(doc), state, text: text.toString() };
  doc.destroy();
  // Servers that send an update back to its sender then cost the client next to nothing.
  client.adopt(state);
  return encoded;
}

/** Waits until the bytes under `dir` have not changed for `quietMs`: writers that work off the CPU are done. */
async function waitForSteadyDisk(dir: string, quietMs: number): Promise<void> {
  let size = bytesOnDisk(dir);
  let since = performance.now();
  const deadline = since + 120_000;
  while (performance.now() - since < quietMs && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = bytesOnDisk(dir);
    if (now !== size) {
      size = now;
      since = performance.now();
    }
  }
}

/** The size of every file under `dir`. */
function bytesOnDisk(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesOnDisk(p) : fs.statSync(p).size;
  }
  return total;
}

const tick = () => new Promise((r) => setImmediate(r));

/** Sends every frame, letting the event loop breathe now and then so the socket drains. */
async function sendAll(client: ProviderClient, frames: Uint8Array[], ctx: RunContext): Promise<void> {
  for (let i = 0; i < frames.length; i++) {
    client.sendRaw(frames[i]);
    if (i % 1000 === 999) await tick();
    if (i % 50_000 === 49_999) ctx.progress(`cold: sent ${num(i + 1)} of ${num(frames.length)} updates`);
  }
}

export const cold: Workload = {
  id: 'cold',
  title: (s) =>
    `Martin Kleppmann's automerge-paper trace (josephg/editing-traces, CC BY 4.0), ${s.cold.edits === undefined ? 'all 259,778' : num(s.cold.edits)} edits as single updates through one client, then ${s.cold.reopens === 1 ? 'a restart' : `${s.cold.reopens} restarts`}`,
  rows: [
    { key: 'cold.rate', label: 'ingest (updates/s, until the server answered after the last one)' },
    { key: 'cold.ingest', label: 'ingest time (s)' },
    { key: 'cold.serverCpu', label: 'server CPU during the ingest (% of a core)' },
    { key: 'cold.clientCpu', label: 'sending client CPU during the ingest (% of a core)' },
    { key: 'cold.idle', label: 'until the server is idle again, persistence included (s)' },
    { key: 'cold.reopen', label: 'after a restart: new client synced (ms, median)' },
    { key: 'cold.complete', label: 'text complete at that sync' },
    { key: 'cold.disk', label: 'bytes on disk (KiB)' },
    { key: 'cold.state', label: 'Y.encodeStateAsUpdate of the story (KiB)' },
    { key: 'cold.ratio', label: 'bytes on disk / encoded state' },
  ],
  async run(kind, ctx): Promise<Outcome> {
    const trace = loadTrace(ctx.scale.cold.edits);
    const problems: string[] = [];
    const cells: Record<string, Cell> = {};
    let server = await kind.start(ctx.tempDir(`${kind.id}-cold`), ctx.startOptions);
    try {
      const [story] = await server.createStories(1);
      const typist = openProvider(server.endpoint, story);
      await typist.synced;
      if (prepareStory(typist.doc, 'Trace', '')) await typist.serverHasAll();
      const encoded = encodeTrace(typist, trace.patches, server.endpoint, story);
      if (trace.whole && encoded.text !== trace.endContent) throw new Error('replaying the trace locally did not give its endContent');

      ctx.progress(`cold: sending ${num(encoded.frames.length)} updates`);
      const serverCpu = new CpuWindow(serverPids(server));
      const clientCpu = process.cpuUsage();
      const started = performance.now();
      await sendAll(typist, encoded.frames, ctx);
      await typist.syncRoundTrip(encoded.stateVector);
      const ingestMs = performance.now() - started;
      const client = process.cpuUsage(clientCpu);
      cells['cold.serverCpu'] = percent(serverCpu.percent());
      cells['cold.clientCpu'] = percent(((client.user + client.system) / 1000 / ingestMs) * 100);
      typist.destroy();
      const quietMs = ctx.smoke ? 300 : 1000;
      // Persistence that works after the ingest is part of the figure: on a slow day LevelDB's takes minutes.
      const lastBusy = await waitForIdle(serverPids(server), { quietMs, belowPercent: ctx.idlePercent, timeoutMs: 600_000 });
      await waitForSteadyDisk(server.dataDir, quietMs);
      cells['cold.rate'] = { text: num(encoded.frames.length / (ingestMs / 1000)), value: encoded.frames.length / (ingestMs / 1000) };
      cells['cold.ingest'] = { text: num(ingestMs / 1000, 2), value: ingestMs / 1000 };
      const untilIdle = Math.max(ingestMs, lastBusy - started) / 1000;
      cells['cold.idle'] = { text: num(untilIdle, 1), value: untilIdle };
      cells['cold.state'] = kib(encoded.state.byteLength);
      await server.stop();

      if (!kind.durable) {
        for (const key of ['cold.reopen', 'cold.complete', 'cold.disk', 'cold.ratio']) cells[key] = notApplicable('n/a (memory)');
        return { cells, problems };
      }
      if (kind.storedElsewhere) {
        // A database server's files hold every database it serves, and its catalogs: not comparable.
        for (const key of ['cold.disk', 'cold.ratio']) cells[key] = notApplicable(`n/a (${kind.storedElsewhere})`);
      } else {
        const disk = bytesOnDisk(server.dataDir);
        cells['cold.disk'] = kib(disk);
        cells['cold.ratio'] = { text: `${num(disk / encoded.state.byteLength, 2)}×`, value: disk / encoded.state.byteLength };
      }

      // Each time a fresh server process and a new client. The clients live in a process that holds
      // nothing else and has opened the story once already (not counted), so what is timed is the
      // server's restart path, the wire and one decode, not V8 compiling the client's code. The
      // median leaves out a pause of the machine's.
      const reader = await ReaderProcess.start(encoded.state);
      const syncs: number[] = [];
      let incomplete: Reopened | undefined;
      try {
        for (let i = 0; i <= ctx.scale.cold.reopens && !incomplete; i++) {
          ctx.progress(i === 0 ? 'cold: restarting the server; the reader opens the story once to warm up' : `cold: restarting the server and opening the story (${i} of ${ctx.scale.cold.reopens})`);
          await server.stop();
          server = await server.restart();
          const reopened = await reader.open(server.endpoint, story, encoded.text, ctx.smoke ? 10_000 : 60_000);
          // A story incomplete at its first sync ends the reopens, warm-up or not.
          if (i > 0 || !reopened.completeAtSync) syncs.push(reopened.syncMs);
          if (!reopened.completeAtSync) incomplete = reopened;
        }
      } finally {
        reader.close();
      }
      cells['cold.reopen'] = ms(median(syncs));
      cells['cold.complete'] = !incomplete
        ? { text: syncs.length === 1 ? 'yes' : `yes, all ${syncs.length} times`, value: 1 }
        : { text: incomplete.completeMs === undefined ? 'no, never' : `no (complete after ${num(incomplete.completeMs)} ms)`, value: 0 };
      if (incomplete) problems.push(`the reopened story was incomplete at its first sync${incomplete.completeMs === undefined ? ' and stayed so' : ''}`);
      return { cells, problems };
    } finally {
      await server.stop();
    }
  },
};
