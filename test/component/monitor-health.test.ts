/**
 * The monitor's per-source health on the service's own endpoints: the service runs in-process with
 * monitor sources on a loopback fake, one cycle runs, /healthz and /metrics show it.
 */
import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { buildSources } from '../../src/monitor/build-sources.ts';
import { runCycle } from '../../src/monitor/run-cycle.ts';
import { type FakeVkMonitor, fixture, startFakeVkMonitor } from '../fakes/fake-vk-monitor.ts';
import { testClock } from '../support/harness.ts';
import { GAZETTEER, silentLog } from '../support/monitor.ts';
import {
  type ConfigFixture,
  FIXTURE_FILE,
  memoryDestination,
  writeConfigFixture,
} from '../support/service-fixture.ts';

const NOW = '2026-03-10T10:00:00.000Z';
const NOW_S = Date.parse(NOW) / 1000;

describe('monitor health on /healthz and /metrics', () => {
  let fake: FakeVkMonitor;
  let f: ConfigFixture;
  let service: Service;
  let config: Config;
  const clock = testClock(NOW);
  const url = (route: string) => `http://127.0.0.1:${service.address().port}${route}`;

  beforeAll(async () => {
    fake = await startFakeVkMonitor();
    fake.pages.set(
      '/atom.xml',
      (_q, r) => void r.type('application/atom+xml').send(fixture('atom-regional-news.xml')),
    );
    fake.pages.set('/s/primer_news', (_q, r) => void r.type('html').send(fixture('tme-primer-news.html')));
    // '/gone.xml' has no handler: the fake answers 404.
    f = writeConfigFixture({
      file: {
        ...FIXTURE_FILE,
        gazetteer: GAZETTEER,
        monitor: {
          sources: [
            { kind: 'rss', id: 'city-feed', url: `${fake.url}/atom.xml` },
            { kind: 'rss', id: 'broken-feed', url: `${fake.url}/gone.xml` },
          ],
        },
      },
      env: { MONITOR_TG_CHANNELS: 'primer_news', MONITOR_TG_BASE_URL: fake.url },
    });
    config = loadConfig(f.env, f.dir);
    const logs = memoryDestination();
    // A fixed clock: should the service's own 5-minute task fire meanwhile, the figures stay the same.
    service = await startService(config, createLogger('info', logs as unknown as DestinationStream), {
      clock,
    });
    expect(logs.records().find((r) => r.msg === 'service started')).toMatchObject({ adapters: ['monitor'] });
    const sources = buildSources(config, { now: () => clock.now() });
    expect(sources.map((s) => s.id).sort()).toEqual(['broken-feed', 'city-feed', 'tg:primer_news']);
    const reports = await runCycle(
      service.deps,
      sources,
      { alertAfterCycles: 3, maxAgeHours: 72 },
      silentLog,
    );
    expect(Object.fromEntries(reports.map((r) => [r.id, r.status]))).toEqual({
      'city-feed': 'ok',
      'broken-feed': 'error',
      'tg:primer_news': 'ok',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    f?.cleanup();
  });

  it('when a cycle ran with a good and a failing source, then /healthz shows each one’s last success, last error and items seen', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      monitor: { sources: Array<Record<string, unknown>> };
    };
    expect(body.status).toBe('ok');
    const byId = Object.fromEntries(body.monitor.sources.map((s) => [s.id, s]));
    expect(byId['city-feed']).toEqual({
      id: 'city-feed',
      kind: 'rss',
      lastSuccessAt: NOW,
      lastErrorAt: null,
      lastError: null,
      itemsSeen: 2,
      badCycles: 0,
    });
    expect(byId['tg:primer_news']).toMatchObject({ lastSuccessAt: NOW, lastErrorAt: null, itemsSeen: 3 });
    expect(byId['broken-feed']).toEqual({
      id: 'broken-feed',
      kind: 'rss',
      lastSuccessAt: null,
      lastErrorAt: NOW,
      lastError: expect.stringMatching(/^HTTP 404 from 127\.0\.0\.1:\d+$/),
      itemsSeen: 0,
      badCycles: 1,
    });
  });

  it('when /metrics is scraped, then the monitor gauges carry the same figures with a source label', async () => {
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    const body = await res.text();
    const value = (name: string, source: string) => {
      const m = new RegExp(
        `^${name}\\{source="${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\} (\\S+)$`,
        'm',
      ).exec(body);
      return m ? Number(m[1]) : undefined;
    };
    for (const name of [
      'mcu_monitor_items_seen',
      'mcu_monitor_last_success_seconds',
      'mcu_monitor_last_error_seconds',
      'mcu_monitor_bad_cycles',
    ])
      expect(body).toContain(`# TYPE ${name} gauge`);
    expect(value('mcu_monitor_items_seen', 'city-feed')).toBe(2);
    expect(value('mcu_monitor_items_seen', 'tg:primer_news')).toBe(3);
    expect(value('mcu_monitor_items_seen', 'broken-feed')).toBe(0);
    expect(value('mcu_monitor_last_success_seconds', 'city-feed')).toBe(NOW_S);
    expect(value('mcu_monitor_last_error_seconds', 'city-feed')).toBe(0);
    expect(value('mcu_monitor_last_success_seconds', 'broken-feed')).toBe(0);
    expect(value('mcu_monitor_last_error_seconds', 'broken-feed')).toBe(NOW_S);
    expect(value('mcu_monitor_bad_cycles', 'broken-feed')).toBe(1);
    expect(value('mcu_monitor_bad_cycles', 'city-feed')).toBe(0);
  });

  it('when the service’s worker has processed the stored posts, then /metrics counts the incidents among the appeals', async () => {
    service.worker.wake();
    await expect
      .poll(async () => (await service.store.inbox.stats()).pending, { timeout: 5_000, interval: 50 })
      .toBe(0);
    const body = await (await fetch(url('/metrics'))).text();
    expect(body).toMatch(/^mcu_inbox_pending 0$/m);
    const incidents = await service.store.appeals.list({});
    expect(incidents.length).toBeGreaterThanOrEqual(1);
    expect(incidents.every((a) => a.kind === 'incident' && a.channel === 'monitor')).toBe(true);
    for (const a of incidents)
      expect(body).toContain(`mcu_appeals{status="${a.status}",sector="${a.sector}"}`);
    // Every stored post was examined once: five posts, five verdicts.
    expect(await service.store.db.monitoredPost.count()).toBe(5);
  });
});
