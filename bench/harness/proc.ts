/**
 * What the kernel says about a server's processes: CPU time from /proc/<pid>/stat and resident
 * memory from /proc/<pid>/status. The servers are measured from outside, so every server is measured
 * alike. A server of several processes (instances behind a balancer) is measured as their sum.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU time. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU seconds (user + system) one process has used so far. */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** CPU seconds the processes have used so far, together. */
export function cpuSeconds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

/** Resident set size of one process in bytes (VmRSS). */
function rssBytesOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Resident set size of the processes together, in bytes. */
export function rssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + rssBytesOf(pid), 0);
}

/** CPU use of processes over a window, as a percentage of one core (their sum, and each one's). */
export class CpuWindow {
  private readonly startCpu: number[];
  private readonly startWall = performance.now();

  constructor(private readonly pids: readonly number[]) {
    this.startCpu = pids.map(cpuSecondsOf);
  }

  /** Percent of one core the processes used together since the window opened. */
  percent(): number {
    return this.each().reduce((a, b) => a + b, 0);
  }

  /** Percent of one core each process used since the window opened, in the order given. */
  each(): number[] {
    const wall = (performance.now() - this.startWall) / 1000;
    return this.pids.map((pid, i) => (wall > 0 ? ((cpuSecondsOf(pid) - this.startCpu[i]) / wall) * 100 : 0));
  }
}

/** Samples the processes' RSS every `intervalMs` and keeps the peak of their sum, and each one's peak. */
export class RssSampler {
  peak = 0;
  readonly peaks: number[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 250,
  ) {
    this.peaks = pids.map(() => 0);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; returns the peak seen, the last sample included. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    try {
      const each = this.pids.map(rssBytesOf);
      each.forEach((bytes, i) => (this.peaks[i] = Math.max(this.peaks[i], bytes)));
      this.peak = Math.max(this.peak, each.reduce((a, b) => a + b, 0));
    } catch {
      // A process has gone; keep what was seen.
    }
  }
}

/**
 * Waits until the processes together have used less than `belowPercent` of a core over the last `quietMs`; resolves
 * with the time (performance.now()) at which it was last busy (a 100 ms step at 20% or more). Used to
 * let background persistence finish. /proc counts CPU in 10 ms ticks, so CPU is judged over the whole
 * quiet span, not per step. Without `strict` it gives up quietly at the timeout.
 */
export async function waitForIdle(
  pids: readonly number[],
  options: { belowPercent?: number; quietMs?: number; timeoutMs?: number; strict?: boolean } = {},
): Promise<number> {
  const { belowPercent = 5, quietMs = 1000, timeoutMs = 120_000, strict = true } = options;
  const stepMs = 100;
  const started = performance.now();
  const samples: { at: number; cpu: number }[] = [{ at: started, cpu: cpuSeconds(pids) }];
  let lastBusy = started;
  for (;;) {
    await new Promise((r) => setTimeout(r, stepMs));
    const at = performance.now();
    const cpu = cpuSeconds(pids);
    const previous = samples[samples.length - 1];
    if (((cpu - previous.cpu) / ((at - previous.at) / 1000)) * 100 >= 20) lastBusy = at;
    samples.push({ at, cpu });
    while (samples.length > 1 && samples[1].at <= at - quietMs) samples.shift();
    const oldest = samples[0];
    if (at - oldest.at >= quietMs - stepMs / 2 && ((cpu - oldest.cpu) / ((at - oldest.at) / 1000)) * 100 < belowPercent) return lastBusy;
    if (at - started > timeoutMs) {
      if (strict) throw new Error(`process ${pids.join(', ')} did not go idle within ${timeoutMs / 1000} s`);
      return lastBusy;
    }
  }
}

/** Busy and total CPU time of the whole machine so far, in clock ticks (the `cpu` line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // idle and iowait are the fourth and fifth.
  return { busy: total - ticks[3] - ticks[4], total };
}

/**
 * Waits until the whole machine has been below `belowPercent` of its CPU for `quietMs` (what the
 * last measurement left behind, a stopped server's exit or the page cache writing back, has
 * settled). Resolves with the busy share of the last span when it gave up at the timeout, else null.
 */
export async function waitForQuietMachine(options: { belowPercent?: number; quietMs?: number; timeoutMs?: number } = {}): Promise<number | null> {
  const { belowPercent = 10, quietMs = 2000, timeoutMs = 60_000 } = options;
  const started = performance.now();
  for (;;) {
    const before = machineTicks();
    await new Promise((r) => setTimeout(r, quietMs));
    const after = machineTicks();
    const busy = ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 100;
    if (busy < belowPercent) return null;
    if (performance.now() - started > timeoutMs) return busy;
  }
}
