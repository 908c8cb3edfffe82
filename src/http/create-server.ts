/** The HTTP face of the service: health, metrics, and (later) webhooks mounted by channel adapters. */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { ActivityTracker, Clock, Store } from '../core/ports.ts';
import type { Logger } from '../logger.ts';
import { createMetrics } from './metrics.ts';
import { monitorHealth, registerMonitorMetrics } from './monitor-health.ts';

export interface HttpDeps {
  store: Store;
  clock: Clock;
  activity: ActivityTracker;
  logger: Logger;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = createMetrics(deps.store, deps.clock);
  registerMonitorMetrics(metrics, deps.store);

  app.get('/healthz', async (_req, res) => {
    const adapters = deps.activity.snapshot();
    try {
      await deps.store.ping();
      res.json({ status: 'ok', database: 'ok', adapters, monitor: await monitorHealth(deps.store) });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'fail', database: 'unreachable', adapters });
    }
  });

  app.get('/metrics', async (_req, res, next) => {
    try {
      res.set('Content-Type', metrics.contentType).send(await metrics.metrics());
    } catch (error) {
      next(error);
    }
  });

  return app;
}

/** Last handlers: unknown routes get 404 JSON, errors 500 JSON with nothing internal leaked. */
export function finishApp(app: Express, logger: Logger): void {
  app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'not found' }));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err, path: req.path }, 'http request failed');
    res.status(500).json({ error: 'internal error' });
  });
}
