/**
 * Where the server finds fixes for misspelt words: away from the event loop, in one worker thread per
 * process, with what it found remembered. nspell's `suggest` takes milliseconds for a typo and up to
 * seconds for a word with nothing near it; on the main thread, one story full of such words froze
 * every request and every collab connection of the process.
 */
import { Worker } from 'node:worker_threads';
import type { Speller } from '../../shared/checks/types';

/** Finds fixes for misspelt words. */
export interface SpellingFixes {
  /**
   * nspell's suggestions for each word found within `waitMs` (a word missing from the answer has no fix
   * yet; it may be ready next time). The wait starts once the finder is ready to work.
   */
  lookUp(words: readonly string[], waitMs: number): Promise<Map<string, string[]>>;
}

/** A message to the fix worker. */
export interface FixWorkerRequest {
  word: string;
}

/** A message from the fix worker. */
export type FixWorkerReply = { kind: 'ready' } | { kind: 'fix'; word: string; suggestions: string[] };

/** Fixes from a speller on this thread, which blocks while it suggests: for tests and one-off tools. */
export function spellingFixesFrom(speller: Speller): SpellingFixes {
  return { lookUp: async (words) => new Map(words.map((word) => [word, speller.suggest(word)])) };
}

// Words a worker remembers the fixes of, and words it may have queued at once: beyond that a word waits
// for a later report rather than for a queue of seconds-long look-ups.
const rememberedFixes = 2000;
const mostQueued = 200;
// Loading the dictionary takes a second or two (longer on a busy machine); a worker that is not up by
// then is treated as failed, and the report goes without fixes.
const startupMs = 60_000;

/** Fixes found by a worker thread running the English speller (`spellingFixWorker.ts`). */
export class WorkerSpellingFixes implements SpellingFixes {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private readonly found = new Map<string, string[]>();
  private readonly waiting = new Map<string, ((suggestions: string[] | undefined) => void)[]>();

  /** See `SpellingFixes.lookUp`. */
  async lookUp(words: readonly string[], waitMs: number): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const asked: Promise<void>[] = [];
    for (const word of words) {
      const known = this.found.get(word);
      if (known) out.set(word, known);
      else if (this.waiting.has(word) || this.waiting.size < mostQueued) asked.push(this.ask(word).then((s) => void (s && out.set(word, s))));
    }
    if (asked.length === 0 || !(await this.ready)) return out;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(asked), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    // A copy: look-ups that land after the wait must not change the answer already given.
    return new Map(out);
  }

  /** Stops the worker (the fixes found are kept; the next look-up starts another). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stopped();
    await worker?.terminate();
  }

  private ask(word: string): Promise<string[] | undefined> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(word);
      if (waiters) return void waiters.push(resolve);
      this.waiting.set(word, [resolve]);
      this.start().postMessage({ word } satisfies FixWorkerRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // The worker is TypeScript: under `tsx` (npm start) it would load as it is, but not under a test
    // runner, so it registers tsx itself (registering again under tsx is harmless).
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./spellingFixWorker.ts', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
    // Finding fixes is never a reason to keep the process alive.
    worker.unref();
    this.worker = worker;
    let up: (ok: boolean) => void = () => {};
    this.ready = new Promise((resolve) => (up = resolve));
    const startup = setTimeout(() => void this.failed(worker), startupMs).unref();
    worker.on('message', (reply: FixWorkerReply) => {
      if (reply.kind === 'ready') {
        clearTimeout(startup);
        return up(true);
      }
      if (this.found.size >= rememberedFixes) this.found.delete(this.found.keys().next().value!);
      this.found.set(reply.word, reply.suggestions);
      for (const resolve of this.waiting.get(reply.word) ?? []) resolve(reply.suggestions);
      this.waiting.delete(reply.word);
    });
    const gone = () => {
      clearTimeout(startup);
      up(false);
      if (this.worker === worker) this.stopped();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    return worker;
  }

  private async failed(worker: Worker): Promise<void> {
    if (this.worker === worker) this.stopped();
    await worker.terminate();
  }

  /** Forgets the worker: whoever waits on it gets no fix. */
  private stopped(): void {
    for (const waiters of this.waiting.values()) for (const resolve of waiters) resolve(undefined);
    this.waiting.clear();
    this.worker = undefined;
    this.ready = undefined;
  }
}
