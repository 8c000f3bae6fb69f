/**
 * `npm run bench`: starts each server as its own process, drives it with real clients through every
 * workload, and prints one markdown table (a column per server, a row per figure), the machine, and
 * a PASS/MISS line per target for Galley. `npm run bench:smoke` runs the same with tiny parameters
 * to check that the harness works; it exits non-zero when a run fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRoot } from './paths';
import { readOptions, type WorkloadId } from './options';
import { describeMachine } from './report/machine';
import { waitForQuietMachine } from './proc';
import { num } from './report/format';
import { Results } from './report/Results';
import { renderTable } from './report/table';
import { judgeTargets } from './report/targets';
import { serverKinds } from './servers/registry';
import type { ServerId, ServerKind } from './servers/types';
import { browser } from './workloads/browser';
import { capacity } from './workloads/capacity';
import { cold } from './workloads/cold';
import { memory } from './workloads/memory';
import { hotStory, newsroom } from './workloads/typingWorkloads';
import type { RunContext, Workload } from './workloads/Workload';

const workloads: Workload[] = [newsroom, hotStory, capacity, cold, memory, browser];

if (!fs.existsSync(path.join(benchRoot, 'node_modules/@hocuspocus/server'))) {
  process.stderr.write('The benchmark has its own dependencies: run `npm ci --prefix bench` first.\n');
  process.exit(2);
}

const options = readOptions(process.argv.slice(2));
const began = performance.now();
const tempDirs: string[] = [];
/** What servers left to undo once their workload is over (throwaway databases). */
const cleanups: (() => Promise<void>)[] = [];
const clock = () => `[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s]`;
const log = (message: string) => process.stderr.write(`${clock()} ${message}\n`);

/** Removes the workload's data directories and drops its databases. */
async function cleanUp(): Promise<void> {
  for (const dir of tempDirs.splice(0)) {
    if (options.keep) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const cleanup of cleanups.splice(0)) {
    await cleanup().catch((err: Error) => log(`cleaning up failed: ${err.message}`));
  }
}
process.on('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

const ctx: RunContext = {
  scale: options.scale,
  smoke: options.smoke,
  startOptions: {
    cpuProfileDir: options.profileDir ? path.resolve(options.profileDir) : undefined,
    afterWorkload: (cleanup) => cleanups.push(cleanup),
  },
  // The profiler's sampling thread keeps a profiled server a little busy of its own.
  idlePercent: options.profileDir ? 25 : 5,
  tempDir(purpose) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `galley-bench-${purpose}-`));
    tempDirs.push(dir);
    return dir;
  },
  progress: log,
};

const servers = serverKinds.filter((k) => options.servers.includes(k.id));
const results = new Results();
const ran = new Set<string>();
let passed = 0;
let failed = 0;

/** Runs one workload against one server and files its figures. */
async function measure(workload: Workload, kind: ServerKind): Promise<void> {
  log(`${workload.id} · ${kind.label}`);
  ran.add(`${workload.id}/${kind.id}`);
  // Every measurement starts on a quiet machine, whatever the one before it left running.
  const busy = options.smoke ? null : await waitForQuietMachine();
  if (busy !== null) results.problem({ server: kind.id, workload: workload.id, message: `the machine was still ${num(busy)} % busy when this started`, fatal: false });
  try {
    const outcome = await workload.run(kind, ctx);
    for (const [key, cell] of Object.entries(outcome.cells)) results.set(kind.id, key, cell);
    for (const message of outcome.problems) results.problem({ server: kind.id, workload: workload.id, message, fatal: kind.galley });
    for (const message of outcome.notes ?? []) results.problem({ server: kind.id, workload: workload.id, message, fatal: false });
    if (kind.galley && outcome.problems.length > 0) failed++;
    else passed++;
  } catch (err) {
    failed++;
    const message = (err as Error).stack ?? String(err);
    log(`${workload.id} · ${kind.label} FAILED: ${message}`);
    results.problem({ server: kind.id, workload: workload.id, message: message.split('\n')[0], fatal: true });
    for (const row of workload.rows) results.set(kind.id, row.key, { text: 'error' });
  }
}

for (const workload of workloads.filter((w) => options.workloads.includes(w.id))) {
  results.addSection({ workload: workload.id, title: workload.title(options.scale), rows: workload.rows });
  const kinds = servers.filter((k) => !workload.only || workload.only.includes(k.id));
  // The smoke run checks that the harness works, not the speed: its servers run side by side.
  if (options.smoke) await Promise.all(kinds.map((kind) => measure(workload, kind)));
  else for (const kind of kinds) await measure(workload, kind);
  await cleanUp();
}

const out: string[] = [];
out.push(`## Galley benchmark${options.smoke ? ' (smoke parameters: checks the harness, not the speed)' : ''}`, '');
out.push(`Machine: ${describeMachine()}`, '');
out.push(renderTable(results, servers), '');
if (results.problems.length) {
  out.push('Notes:');
  for (const p of results.problems) out.push(`- ${p.fatal ? 'FAILED ' : ''}${p.workload} · ${servers.find((s) => s.id === p.server)?.label ?? p.server}: ${p.message}`);
  out.push('');
}
if (!options.smoke) {
  out.push('Targets for Galley (same run):');
  for (const v of judgeTargets(results, (w: WorkloadId, s: ServerId) => ran.has(`${w}/${s}`))) out.push(`${v.status.padEnd(4)}  ${v.target}: ${v.detail}`);
  out.push('');
}
out.push(`Load generator: a run is refused when one of its processes used more than 70% of a core.`);
out.push(`Editing trace: Martin Kleppmann's automerge-paper trace (josephg/editing-traces, CC BY 4.0).`, '');
out.push(`bench: ${passed} passed, ${failed} failed`);
process.stdout.write(`${out.join('\n')}\n`);
log(`done in ${((performance.now() - began) / 1000).toFixed(0)} s`);
process.exit(failed > 0 ? 1 : 0);
