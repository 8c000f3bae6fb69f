/**
 * The doors an operations team uses: `/healthz` (the process is alive and not draining), `/readyz`
 * (the store and Redis answer: send it traffic) and `/metrics` (Prometheus).
 */
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Database } from '../store/database';
import type { Fanout } from '../scaleout/Fanout';
import type { Metrics } from './metrics';

export function opsRoutes(deps: { db: Database; fanout: Fanout; metrics: Metrics; metricsToken?: string; draining: () => boolean }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    if (deps.draining()) res.status(503).json({ error: 'unavailable', message: 'The server is shutting down.' });
    else res.json({ ok: true });
  });

  router.get('/readyz', async (_req, res) => {
    const [store, redis] = await Promise.all([
      deps.db.get('SELECT 1 AS one').then(
        () => true,
        () => false,
      ),
      deps.fanout.healthy(),
    ]);
    const ok = store && redis && !deps.draining();
    res.status(ok ? 200 : 503).json({ ok, store: store ? 'ok' : 'down', redis: redis ? 'ok' : 'down', draining: deps.draining() });
  });

  const expected = deps.metricsToken && Buffer.from(`Bearer ${deps.metricsToken}`);
  router.get('/metrics', async (req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (expected && (given.length !== expected.length || !timingSafeEqual(given, expected))) {
      res.status(401).json({ error: 'unauthenticated', message: 'The metrics need the bearer token set in GALLEY_METRICS_TOKEN.' });
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
