/**
 * The doors an operations team uses: `/healthz` (the process is alive and not draining), `/readyz`
 * (the store and Redis answer: send it traffic) and `/metrics` (Prometheus).
 */
import { Router } from 'express';
import type { Database } from '../store/database';
import type { Fanout } from '../scaleout/Fanout';
import type { Metrics } from './metrics';

export function opsRoutes(deps: { db: Database; fanout: Fanout; metrics: Metrics; draining: () => boolean }): Router {
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

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
