/**
 * The harness's side of a reader process (`readerProgram.ts`): a new client that opens a story after
 * a restart, timed in a process that holds nothing else.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../paths';
import type { Endpoint } from '../servers/types';

export type ToReader = { kind: 'warm'; state: Uint8Array } | { kind: 'open'; endpoint: Endpoint; story: string; expected: string; patienceMs: number };

export interface Reopened {
  syncMs: number;
  /** Whether the text was complete when the provider counted itself synced. */
  completeAtSync: boolean;
  /** When the text was complete, if it ever was within the patience given. */
  completeMs?: number;
}

export type FromReader = { kind: 'warmed' } | ({ kind: 'opened' } & Reopened) | { kind: 'failed'; error: string };

const program = path.join(import.meta.dirname, 'readerProgram.ts');

export class ReaderProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts the process and has it decode `state` a few times. */
  static async start(state: Uint8Array): Promise<ReaderProcess> {
    const reader = new ReaderProcess(fork(program, [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], serialization: 'advanced' }));
    try {
      await reader.ask({ kind: 'warm', state }, 60_000);
    } catch (err) {
      reader.close();
      throw err;
    }
    return reader;
  }

  /** Opens `story` with a new client and times its first sync. */
  async open(endpoint: Endpoint, story: string, expected: string, patienceMs: number): Promise<Reopened> {
    const answer = await this.ask({ kind: 'open', endpoint, story, expected, patienceMs }, patienceMs + 90_000);
    if (answer.kind !== 'opened') throw new Error(`the reader answered "${answer.kind}"`);
    return answer;
  }

  close(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private ask(message: ToReader, timeoutMs: number): Promise<FromReader> {
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        fn();
      };
      const onMessage = (answer: FromReader) => done(() => (answer.kind === 'failed' ? reject(new Error(`the reader failed: ${answer.error}`)) : resolve(answer)));
      const onExit = (code: number | null) => done(() => reject(new Error(`the reader exited (${code})`)));
      const timer = setTimeout(() => done(() => reject(new Error(`the reader did not answer "${message.kind}" within ${timeoutMs / 1000} s`))), timeoutMs);
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(message);
    });
  }
}
