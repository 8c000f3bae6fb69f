/**
 * Copies SQLite's write-ahead log back into the database file from a worker thread. Left to itself,
 * SQLite does that on the connection that commits, once the log passes 1,000 pages: one commit in a
 * few hundred then waits 6 ms or more (the copy, and a sync of each file), and every edit in the
 * newsroom waits with it. A second connection in a worker checkpoints instead, in PASSIVE mode,
 * which never blocks the writer. If the worker stops, the writer goes back to checkpointing itself.
 *
 * A log is reused from its start only when a write finds it wholly copied; under writes that never
 * pause, that may not happen, so past `RestartBytes` the worker asks for a RESTART checkpoint, which
 * makes the next write wait for the copy once instead of letting the log grow without end.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

const EveryMs = 500;
const RestartBytes = 64 * 1024 * 1024;
/** SQLite's own default, for when the worker is gone. */
const WriterCheckpointPages = 1000;

/** The worker's code: plain JavaScript, so it runs the same under the server and the test runner. */
const workerSource = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 2000');
const wal = workerData.file + '-wal';
// The log as the last round found it: a log nobody wrote since has nothing new to copy.
let seen = '';
const timer = setInterval(() => {
  try {
    const stat = fs.statSync(wal, { throwIfNoEntry: false });
    const now = stat ? stat.size + ':' + stat.mtimeMs : '';
    if (now === seen) return;
    const [done] = db.pragma(stat && stat.size > workerData.restartBytes ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
    // Wholly copied: nothing to do until the next write. A reader may have held some of it back.
    if (done.busy === 0 && done.checkpointed >= done.log) seen = now;
  } catch {
    // Busy or locked: the next round tries again.
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Checkpoints one SQLite file in WAL mode off the main thread, while its writer runs. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  constructor(file: string, writer: BetterSqlite3.Database) {
    writer.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(workerSource, {
      eval: true,
      workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: EveryMs, restartBytes: RestartBytes },
    });
    // Checkpointing is never a reason to keep the process alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    const gone = () => {
      if (!this.stopping && writer.open) writer.pragma(`wal_autocheckpoint = ${WriterCheckpointPages}`);
    };
    this.worker.once('error', gone);
    this.worker.once('exit', gone);
  }

  /** Stops the worker and closes its connection; the writer, closed last, checkpoints what is left. */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited;
    this.stopping = true;
    this.worker.postMessage('stop');
    const late = setTimeout(() => void this.worker.terminate(), 5000);
    await this.exited;
    clearTimeout(late);
  }
}
