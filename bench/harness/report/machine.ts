/** The machine a run was measured on. */
import fs from 'node:fs';
import os from 'node:os';

/** One line: cores, CPU model, memory, Node version and date. */
export function describeMachine(now = new Date()): string {
  let model = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) model = match[1].trim();
  } catch {
    // Not Linux: keep what Node reports.
  }
  const cores = os.availableParallelism();
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
  // Other work on the machine skews every figure: say how busy it was when the run began.
  const load = os.loadavg()[0].toFixed(2);
  return `${cores} cores, ${model}, ${memory} RAM; Node ${process.version}; ${os.type()} ${os.release()}; load average ${load} at the start; ${now.toISOString().replace(/\.\d+Z$/, 'Z')}`;
}
