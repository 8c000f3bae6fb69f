/** A server under test running as its own process: started, watched for its ready line, stopped. */
import { spawn, type ChildProcess } from 'node:child_process';

/** How to start a server process and recognise that it listens. */
export interface ServerCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** Matched against everything the process printed; resolves `start` with the match. */
  ready: RegExp;
  /** What to call it in errors. */
  name: string;
  startTimeoutMs?: number;
}

/** Keeps this many characters of a process's output for error messages. */
const KeptOutput = 64 * 1024;

/** A running server process. */
export class ServerProcess {
  private outputTail = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly name: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    const keep = (chunk: Buffer) => {
      this.outputTail = (this.outputTail + chunk.toString('utf8')).slice(-KeptOutput);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  /** The process id, for /proc. */
  get pid(): number {
    return this.child.pid!;
  }

  /** The last part of what the process printed. */
  output(): string {
    return this.outputTail;
  }

  /** Starts the process and waits for its ready line. */
  static async start(spec: ServerCommand): Promise<{ process: ServerProcess; match: RegExpExecArray }> {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = new ServerProcess(child, spec.name);
    const timeoutMs = spec.startTimeoutMs ?? 120_000;
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${spec.name} did not start within ${timeoutMs / 1000} s:\n${proc.output()}`));
      }, timeoutMs);
      const check = () => {
        const found = spec.ready.exec(proc.output());
        if (!found) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        resolve(found);
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      void proc.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${spec.name} exited with ${code} before it was ready:\n${proc.output()}`));
      });
    });
    return { process: proc, match };
  }

  /** Asks the process to stop (SIGTERM), and kills it if it has not gone after `graceMs`. */
  async stop(graceMs = 30_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
