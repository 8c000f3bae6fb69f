/**
 * The harness's side of its load generator processes: forks them, shares the stories out (a whole
 * story to one process), and gathers what they measured.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../paths';
import type { DriverPlan, DriverResult, FromDriver, ToDriver, TypingPlan } from './messages';

const driverProgram = path.join(import.meta.dirname, 'driverProcess.ts');

class Driver {
  private readonly waiting: { kind: FromDriver['kind']; resolve: (m: FromDriver) => void; reject: (e: Error) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: FromDriver) => {
      if (message.kind === 'failed') {
        for (const w of this.waiting.splice(0)) w.reject(new Error(`a load generator failed: ${message.error}`));
        return;
      }
      const index = this.waiting.findIndex((w) => w.kind === message.kind);
      if (index >= 0) this.waiting.splice(index, 1)[0].resolve(message);
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`a load generator exited (${code})`));
    });
  }

  ask<K extends FromDriver['kind']>(message: ToDriver, answer: K, timeoutMs: number): Promise<Extract<FromDriver, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`a load generator did not answer "${message.kind}" within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiting.push({
        kind: answer,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<FromDriver, { kind: K }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send(message);
    });
  }
}

/** A set of load generator processes with their editors open. */
export class DriverPool {
  private constructor(private readonly drivers: Driver[]) {}

  /** Forks `count` processes and opens the plan's stories, shared round-robin among them. */
  static async open(count: number, plan: DriverPlan, timeoutMs = 300_000): Promise<DriverPool> {
    const n = Math.max(1, Math.min(count, plan.stories.length));
    const drivers = Array.from({ length: n }, () => new Driver(fork(driverProgram, [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], serialization: 'advanced' })));
    const pool = new DriverPool(drivers);
    try {
      await Promise.all(
        drivers.map((d, i) => d.ask({ kind: 'open', plan: { ...plan, stories: plan.stories.filter((_, j) => j % n === i) } }, 'opened', timeoutMs)),
      );
    } catch (err) {
      pool.kill();
      throw err;
    }
    return pool;
  }

  /** How many processes carry the load. */
  get size(): number {
    return this.drivers.length;
  }

  /** Types in every process at once; resolves with each one's result. */
  async type(plan: TypingPlan): Promise<DriverResult[]> {
    const timeoutMs = plan.warmupMs + plan.windowMs + plan.drainMs + 60_000;
    const answers = await Promise.all(this.drivers.map((d) => d.ask({ kind: 'type', plan }, 'typed', timeoutMs)));
    return answers.map((a) => a.result);
  }

  /** Closes every editor and ends the processes. */
  async close(): Promise<void> {
    await Promise.allSettled(this.drivers.map((d) => d.ask({ kind: 'close' }, 'closed', 30_000)));
    // Each process ends itself once its close frames are out; end any that does not.
    await Promise.all(
      this.drivers.map(
        (d) =>
          new Promise<void>((resolve) => {
            if (d.child.exitCode !== null) return resolve();
            const timer = setTimeout(() => {
              d.child.kill();
              resolve();
            }, 5_000);
            d.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }

  private kill(): void {
    for (const d of this.drivers) if (d.child.exitCode === null) d.child.kill();
  }
}
