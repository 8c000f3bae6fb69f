/** Galley's targets against the peers measured in the same run, each judged PASS or MISS. */
import type { WorkloadId } from '../options';
import type { ServerId } from '../servers/types';
import type { Results } from './Results';

/** One target's verdict. SKIP: its workload or the server it compares with was not run. */
export interface Verdict {
  status: 'PASS' | 'MISS' | 'SKIP';
  target: string;
  detail: string;
}

const peers: ServerId[] = ['y-websocket-memory', 'y-websocket-leveldb', 'hocuspocus-sqlite'];
const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });

interface Judge {
  results: Results;
  ran: (workload: WorkloadId, server: ServerId) => boolean;
}

function verdict(j: Judge, workload: WorkloadId, servers: ServerId[], target: string, check: () => { ok: boolean; detail: string } | undefined): Verdict {
  if (!servers.every((s) => j.ran(workload, s))) return { status: 'SKIP', target, detail: 'not run' };
  const outcome = check();
  if (!outcome) return { status: 'MISS', target, detail: 'a figure is missing (failed or refused run)' };
  return { status: outcome.ok ? 'PASS' : 'MISS', target, detail: outcome.detail };
}

function atMostBestPeer(j: Judge, workload: WorkloadId, key: string, target: string, unit: string): Verdict {
  const measuredPeers = peers.filter((p) => j.ran(workload, p));
  if (!measuredPeers.length) return { status: 'SKIP', target, detail: 'no peer was run' };
  return verdict(j, workload, ['galley'], target, () => {
    const galley = j.results.value('galley', key);
    const peerValues = measuredPeers.map((p) => ({ p, v: j.results.value(p, key) })).filter((x): x is { p: ServerId; v: number } => x.v !== undefined);
    if (galley === undefined || peerValues.length === 0) return undefined;
    const best = peerValues.reduce((a, b) => (b.v < a.v ? b : a));
    return { ok: galley <= best.v, detail: `Galley ${fmt(galley, 2)} ${unit}, best peer ${fmt(best.v, 2)} ${unit} (${best.p})` };
  });
}

function ratio(j: Judge, workload: WorkloadId, key: string, other: ServerId, factor: number, higherIsBetter: boolean, target: string, show: (v: number) => string): Verdict {
  return verdict(j, workload, ['galley', other], target, () => {
    const galley = j.results.value('galley', key);
    const peer = j.results.value(other, key);
    if (galley === undefined || peer === undefined) return undefined;
    const ok = higherIsBetter ? galley >= factor * peer : galley <= factor * peer;
    return { ok, detail: `Galley ${show(galley)}, ${other} ${show(peer)} (${fmt(peer === 0 ? Infinity : galley / peer, 2)}×)` };
  });
}

function own(j: Judge, workload: WorkloadId, target: string, check: (value: (key: string) => number | undefined) => { ok: boolean; detail: string } | undefined): Verdict {
  return verdict(j, workload, ['galley'], target, () => check((key) => j.results.value('galley', key)));
}

/** Judges every target. `ran` says whether a workload was run against a server. */
export function judgeTargets(results: Results, ran: Judge['ran']): Verdict[] {
  const j: Judge = { results, ran };
  const per = (v: number) => `${fmt(v / 1024)} KiB`;
  const rate = (v: number) => `${fmt(v, 0)} updates/s`;
  return [
    atMostBestPeer(j, 'newsroom', 'newsroom.p99', 'newsroom p99 ≤ best peer', 'ms'),
    atMostBestPeer(j, 'hot', 'hot.p99', 'hot story p99 ≤ best peer', 'ms'),
    ratio(j, 'newsroom', 'newsroom.cpu', 'hocuspocus-sqlite', 1, false, 'newsroom server CPU ≤ Hocuspocus', (v) => `${fmt(v)} %`),
    ratio(j, 'hot', 'hot.cpu', 'hocuspocus-sqlite', 1, false, 'hot story server CPU ≤ Hocuspocus', (v) => `${fmt(v)} %`),
    ratio(j, 'capacity', 'capacity.stories', 'hocuspocus-sqlite', 1.5, true, 'capacity ≥ 1.5× Hocuspocus', (v) => `${fmt(v, 0)} stories`),
    ratio(j, 'cold', 'cold.rate', 'hocuspocus-sqlite', 1.5, true, 'cold ingest ≥ 1.5× Hocuspocus', rate),
    ratio(j, 'cold', 'cold.rate', 'y-websocket-memory', 0.9, true, 'cold ingest ≥ 0.9× in-memory reference', rate),
    own(j, 'cold', 'reopen < 50 ms with the complete text', (v) => {
      const reopen = v('cold.reopen');
      const complete = v('cold.complete');
      if (reopen === undefined || complete === undefined) return undefined;
      return { ok: reopen < 50 && complete === 1, detail: `${fmt(reopen)} ms, text ${complete === 1 ? 'complete' : 'INCOMPLETE'} at first sync` };
    }),
    own(j, 'cold', 'bytes on disk ≤ 1.5× encoded state', (v) => {
      const disk = v('cold.disk');
      const state = v('cold.state');
      if (disk === undefined || state === undefined) return undefined;
      return { ok: disk <= 1.5 * state, detail: `${per(disk)} on disk, ${per(state)} encoded (${fmt(disk / state, 2)}×)` };
    }),
    ratio(j, 'memory', 'memory.perStory', 'hocuspocus-sqlite', 0.6, false, 'RSS per open story ≤ 0.6× Hocuspocus', per),
    own(j, 'memory', 'RSS back within 10% after everyone leaves', (v) => {
      const after = v('memory.after');
      const before = v('memory.baseline');
      if (after === undefined || before === undefined) return undefined;
      return { ok: after <= before * 1.1, detail: `${fmt(after / 2 ** 20)} MiB after, ${fmt(before / 2 ** 20)} MiB before (${fmt((after / before - 1) * 100)} %)` };
    }),
    own(j, 'browser', 'editor route JavaScript < 300 kB gzip', (v) => {
      const bytes = v('browser.js');
      return bytes === undefined ? undefined : { ok: bytes < 300_000, detail: `${fmt(bytes / 1000)} kB` };
    }),
    own(j, 'browser', 'editable body < 1 s after navigation', (v) => {
      const t = v('browser.editable');
      return t === undefined ? undefined : { ok: t < 1000, detail: `${fmt(t, 0)} ms` };
    }),
  ];
}
