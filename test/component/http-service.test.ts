import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config/load.ts';
import { intakeAppeal } from '../../src/core/appeals/intake.ts';
import { createLogger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import {
  type ConfigFixture,
  listening,
  memoryDestination,
  writeConfigFixture,
} from '../support/service-fixture.ts';

const url = (service: Service, route: string) => `http://127.0.0.1:${service.address().port}${route}`;

async function start(f: ConfigFixture) {
  const config: Config = loadConfig(f.env, f.dir);
  const logs = memoryDestination();
  const service = await startService(config, createLogger('info', logs as unknown as DestinationStream));
  return { service, logs };
}

describe('the HTTP service (in-process)', () => {
  let f: ConfigFixture;
  let service: Service;
  let logs: ReturnType<typeof memoryDestination>;

  beforeAll(async () => {
    f = writeConfigFixture();
    ({ service, logs } = await start(f));
  });
  afterAll(async () => {
    await service?.stop();
    f?.cleanup();
  });

  it('when started on port 0 at 127.0.0.1, then it binds a real port and logs «service started» with it', () => {
    const { host, port } = service.address();
    expect(host).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(logs.records().find((r) => r.msg === 'service started')).toMatchObject({ port, adapters: [] });
  });

  it('when GET /healthz, then 200 with database ok and no adapters', async () => {
    const res = await fetch(url(service, '/healthz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', adapters: {} });
  });

  it('when GET /metrics, then Prometheus text lists the appeal, inbox and outbox gauges', async () => {
    const res = await fetch(url(service, '/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    for (const name of ['mcu_appeals', 'mcu_inbox_lag_seconds', 'mcu_outbox_backlog', 'mcu_inbox_pending']) {
      expect(body).toContain(`# TYPE ${name} gauge`);
    }
    expect(body).toMatch(/^mcu_inbox_lag_seconds 0$/m);
    expect(body).toMatch(/^mcu_outbox_backlog 0$/m);
    expect(body).not.toMatch(/^mcu_appeals\{/m);
  });

  it('when an appeal is taken in, then /metrics counts it by status and sector and shows the outbox backlog', async () => {
    const r = await intakeAppeal(service.deps, {
      channel: 'telegram',
      sender: { externalId: '42', chatId: '42', name: 'Иван' },
      text: 'На улице Ленина огромная яма на дороге, машины бьют колёса',
      receivedAt: new Date(),
    });
    expect(r.status).toBe('registered');
    if (r.status !== 'registered') return;
    expect(r.appeal.sector).toBe('roads');
    const body = await (await fetch(url(service, '/metrics'))).text();
    expect(body).toContain(`mcu_appeals{status="${r.appeal.status}",sector="roads"} 1`);
    // No channel senders are wired, so the reply to the resident waits in the outbox.
    const backlog = Number(/^mcu_outbox_backlog (\d+)$/m.exec(body)?.[1]);
    expect(backlog).toBeGreaterThanOrEqual(1);
  });

  it('when a route is unknown, then 404 JSON', async () => {
    for (const [method, route] of [
      ['GET', '/nope'],
      ['POST', '/healthz'],
    ] as const) {
      const res = await fetch(url(service, route), { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    }
  });
});

describe('the HTTP service when things go away', () => {
  it('when the store is closed, then /healthz answers 503; and stop() resolves and frees the port', async () => {
    const f = writeConfigFixture();
    try {
      const { service, logs } = await start(f);
      const { port } = service.address();
      expect((await fetch(url(service, '/healthz'))).status).toBe(200);

      await service.store.close();
      const res = await fetch(url(service, '/healthz'));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'fail', database: 'unreachable', adapters: {} });
      expect(logs.records().some((r) => r.msg === 'health check: database unreachable')).toBe(true);

      await expect(service.stop()).resolves.toBeUndefined();
      expect(logs.records().at(-1)?.msg).toBe('stopped');
      expect(await listening(port)).toBe(false);
    } finally {
      f.cleanup();
    }
  });

  it('when the outbox holds messages no channel can send, then stop() does not wait SHUTDOWN_TIMEOUT_MS and keeps them', async () => {
    const f = writeConfigFixture({ env: { SHUTDOWN_TIMEOUT_MS: '10000' } });
    try {
      const { service } = await start(f);
      const r = await intakeAppeal(service.deps, {
        channel: 'telegram',
        sender: { externalId: '7', chatId: '7' },
        text: 'Не вывозят мусор с контейнерной площадки уже неделю',
        receivedAt: new Date(),
      });
      expect(r.status).toBe('registered');
      const t0 = Date.now();
      await service.stop();
      expect(Date.now() - t0).toBeLessThan(5_000); // half of SHUTDOWN_TIMEOUT_MS
      const reopened = await createStore({ url: f.dbUrl });
      try {
        expect((await reopened.outbox.stats()).pending).toBeGreaterThanOrEqual(1);
      } finally {
        await reopened.close();
      }
    } finally {
      f.cleanup();
    }
  });

  it('when stop() is called with an idle keep-alive client connected, then it still resolves promptly', async () => {
    const f = writeConfigFixture();
    try {
      const { service } = await start(f);
      const { port } = service.address();
      const res = await fetch(url(service, '/healthz'), { headers: { connection: 'keep-alive' } });
      expect(res.status).toBe(200);
      await res.text();
      const t0 = Date.now();
      await service.stop();
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(await listening(port)).toBe(false);
    } finally {
      f.cleanup();
    }
  });
});
