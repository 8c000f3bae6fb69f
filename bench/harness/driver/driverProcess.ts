/**
 * A load generator process: opens the editors of the stories it is given, types on command, and
 * reports latency samples with its own CPU use. All editors of a story live in one process, so an
 * edit and its arrivals are timed on one clock.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LatencyProbe } from '../client/LatencyProbe';
import { LightEditor } from '../client/LightEditor';
import { ProviderEditor } from '../client/ProviderEditor';
import type { StoryEditor } from '../client/StoryEditor';
import { startTyping } from '../client/typing';
import type { DriverPlan, FromDriver, ToDriver, TypingPlan } from './messages';

// Every y-websocket provider in Node listens for the process's exit; a thousand of them are expected here.
process.setMaxListeners(0);

const probe = new LatencyProbe();
const editors: StoryEditor[] = [];
let editorCount = 0;

function reply(message: FromDriver): void {
  process.send!(message);
}

function newEditor(plan: DriverPlan, story: string): StoryEditor {
  const receivers = plan.editorsPerStory - 1;
  const n = ++editorCount;
  const editor = plan.editor === 'light' ? new LightEditor(plan.endpoint, story, probe, receivers, n) : new ProviderEditor(plan.endpoint, story, probe, receivers, n);
  editors.push(editor);
  return editor;
}

/** Opens one story: its first editor prepares it, then the others join. */
async function openStory(plan: DriverPlan, story: string): Promise<void> {
  const first = newEditor(plan, story);
  await first.ready;
  await first.prepare(`Story ${story}`);
  const others = Array.from({ length: plan.editorsPerStory - 1 }, () => newEditor(plan, story));
  await Promise.all(others.map((e) => e.ready));
}

async function open(plan: DriverPlan): Promise<void> {
  const queue = [...plan.stories];
  const perWorker = Math.max(1, Math.floor(plan.connectConcurrency / plan.editorsPerStory));
  await Promise.all(
    Array.from({ length: perWorker }, async () => {
      for (let story = queue.shift(); story !== undefined; story = queue.shift()) await openStory(plan, story);
    }),
  );
  for (const editor of editors) editor.listen();
  reply({ kind: 'opened', editors: editors.length });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function type(plan: TypingPlan): Promise<void> {
  const stop = startTyping(editors, plan.ratePerEditor);
  await sleep(plan.warmupMs);
  probe.measuring = true;
  // A late timer or message handler here would be blamed on the server: watch for it.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await sleep(plan.windowMs);
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  loopDelay.disable();
  probe.measuring = false;
  stop();
  const deadline = performance.now() + plan.drainMs;
  while (!probe.complete && performance.now() < deadline) await sleep(20);
  reply({
    kind: 'typed',
    result: {
      samples: probe.samples,
      expected: probe.expected,
      editsRecorded: probe.editsRecorded,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    },
  });
}

async function close(): Promise<void> {
  for (const editor of editors.splice(0)) editor.close();
  reply({ kind: 'closed' });
  // Let the close frames go out before the process ends.
  setTimeout(() => process.exit(0), 200);
}

process.on('message', (message: ToDriver) => {
  const work = message.kind === 'open' ? open(message.plan) : message.kind === 'type' ? type(message.plan) : close();
  work.catch((err: unknown) => reply({ kind: 'failed', error: (err as Error).stack ?? String(err) }));
});
process.on('disconnect', () => process.exit(0));
