/**
 * What the kernel says about a server process: CPU time from /proc/<pid>/stat and resident memory
 * from /proc/<pid>/status. The servers are measured from outside, so every server is measured alike.
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

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** CPU use of a process over a window, as a percentage of one core. */
export class CpuWindow {
  private readonly startCpu: number;
  private readonly startWall = performance.now();

  constructor(private readonly pid: number) {
    this.startCpu = cpuSeconds(pid);
  }

  /** Percent of one core used since the window opened. */
  percent(): number {
    const wall = (performance.now() - this.startWall) / 1000;
    return wall > 0 ? ((cpuSeconds(this.pid) - this.startCpu) / wall) * 100 : 0;
  }
}

/** Samples a process's RSS every `intervalMs` and keeps the peak. */
export class RssSampler {
  peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
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
      this.peak = Math.max(this.peak, rssBytes(this.pid));
    } catch {
      // The process has gone; keep what was seen.
    }
  }
}

/**
 * Waits until a process has used less than `belowPercent` of a core over the last `quietMs`; resolves
 * with the time (performance.now()) at which it was last busy (a 100 ms step at 20% or more). Used to
 * let background persistence finish. /proc counts CPU in 10 ms ticks, so CPU is judged over the whole
 * quiet span, not per step. Without `strict` it gives up quietly at the timeout.
 */
export async function waitForIdle(
  pid: number,
  options: { belowPercent?: number; quietMs?: number; timeoutMs?: number; strict?: boolean } = {},
): Promise<number> {
  const { belowPercent = 5, quietMs = 1000, timeoutMs = 120_000, strict = true } = options;
  const stepMs = 100;
  const started = performance.now();
  const samples: { at: number; cpu: number }[] = [{ at: started, cpu: cpuSeconds(pid) }];
  let lastBusy = started;
  for (;;) {
    await new Promise((r) => setTimeout(r, stepMs));
    const at = performance.now();
    const cpu = cpuSeconds(pid);
    const previous = samples[samples.length - 1];
    if (((cpu - previous.cpu) / ((at - previous.at) / 1000)) * 100 >= 20) lastBusy = at;
    samples.push({ at, cpu });
    while (samples.length > 1 && samples[1].at <= at - quietMs) samples.shift();
    const oldest = samples[0];
    if (at - oldest.at >= quietMs - stepMs / 2 && ((cpu - oldest.cpu) / ((at - oldest.at) / 1000)) * 100 < belowPercent) return lastBusy;
    if (at - started > timeoutMs) {
      if (strict) throw new Error(`process ${pid} did not go idle within ${timeoutMs / 1000} s`);
      return lastBusy;
    }
  }
}
