/** Shared setup for the monitor's tests: a classifier that knows the test gazetteer, sources on the fakes. */
import { afterAll, beforeAll } from 'vitest';
import { createClassifier } from '../../src/classifier/pipeline.ts';
import { intakeMessages } from '../../src/core/appeals/intake.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { createInboxProcessor } from '../../src/core/inbox/process-inbox.ts';
import { DEFAULT_GROUPING } from '../../src/core/monitor/grouping.ts';
import type { MonitorCoreSettings } from '../../src/core/monitor/incidents.ts';
import { DEFAULT_RELEVANCE } from '../../src/core/monitor/relevance.ts';
import type { MonitorSource, SeenPost } from '../../src/core/monitor/types.ts';
import type { Repositories } from '../../src/core/ports.ts';
import { createLogger } from '../../src/logger.ts';
import { createMonitorInboxHandler } from '../../src/monitor/handle-posts.ts';
import { type CycleOptions, runCycle } from '../../src/monitor/run-cycle.ts';
import { rssSource } from '../../src/monitor/sources/rss.ts';
import { tgChannelSource } from '../../src/monitor/sources/tg-channel.ts';
import { vkSearchSource } from '../../src/monitor/sources/vk-search.ts';
import { vkWallSource } from '../../src/monitor/sources/vk-wall.ts';
import { createVkMonitorClient } from '../../src/monitor/vk-client.ts';
import { type FakeVkMonitor, SERVICE_KEY, startFakeVkMonitor } from '../fakes/fake-vk-monitor.ts';
import { openTestEnv, type TestEnv, testSectors } from './harness.ts';

export const silentLog = createLogger('silent');
export const GAZETTEER = {
  settlements: ['Примерный', 'Заречье', 'Сосновка'],
  streets: ['Ленина', 'Мира', 'Садовая'],
  organisations: ['Водоканал'],
};
export const OWN_GROUP = 777;
export const MONITOR_SETTINGS: MonitorCoreSettings = {
  relevance: DEFAULT_RELEVANCE,
  grouping: DEFAULT_GROUPING,
  ownWallOwnerId: -OWN_GROUP,
};
export const CYCLE: CycleOptions = { alertAfterCycles: 3, maxAgeHours: 72, force: true };

/** The harness deps, with a classifier that finds the test gazetteer's places. */
export function withGazetteer(deps: CoreDeps): CoreDeps {
  return {
    ...deps,
    classifier: createClassifier({ catalogue: testSectors(), threshold: 0.45, gazetteer: GAZETTEER }),
  };
}

export function fakeSources(deps: CoreDeps, fake: FakeVkMonitor, token = SERVICE_KEY): MonitorSource[] {
  const now = () => deps.clock.now();
  const client = createVkMonitorClient({ baseUrl: fake.apiBaseUrl, token, requestsPerSecond: 100 });
  const common = { intervalMinutes: 5, maxBytes: 5_000_000, now };
  return [
    tgChannelSource({
      ...common,
      id: 'tg:primer_news',
      channel: 'primer_news',
      baseUrl: fake.url,
      local: false,
    }),
    rssSource({ ...common, id: 'rss:admin', url: `${fake.url}/rss/admin.xml`, local: false }),
    rssSource({ ...common, id: 'rss:region', url: `${fake.url}/atom.xml`, local: false }),
    vkWallSource({ id: 'vk_wall:777', owner: String(OWN_GROUP), local: true, intervalMinutes: 5, client }),
    vkSearchSource({
      id: 'vk_search:Примерный',
      query: 'Примерный',
      local: false,
      intervalMinutes: 5,
      client,
    }),
  ];
}

/** One cycle, then the inbox drained through the monitor's handler (as the worker would). */
export async function cycleAndProcess(deps: CoreDeps, sources: MonitorSource[], o: CycleOptions = CYCLE) {
  const reports = await runCycle(deps, sources, o, silentLog);
  const handler = createMonitorInboxHandler(deps, MONITOR_SETTINGS, silentLog);
  const inbox = createInboxProcessor(deps, { monitor: handler }, { logger: silentLog });
  const drained = { done: 0, failed: 0 };
  for (;;) {
    const r = await inbox.drainOnce();
    drained.done += r.done;
    drained.failed += r.failed;
    if (r.done + r.failed === 0) break;
  }
  return { reports, drained, byId: Object.fromEntries(reports.map((r) => [r.id, r])) };
}

/** An incident made of one post, without a cycle: for the answering paths. */
export async function incidentWithPost(
  deps: CoreDeps,
  tx: Repositories,
  post: { network: 'vk' | 'tg'; externalId: string; url: string; ownWall: boolean; text: string },
) {
  const now = deps.clock.now();
  const [r] = await intakeMessages(deps, tx, [
    {
      channel: 'monitor',
      kind: 'incident',
      sender: { externalId: `${post.network}:author`, chatId: post.url },
      text: post.text,
      receivedAt: now,
    },
  ]);
  if (r?.status !== 'registered') throw new Error('not registered');
  const sourceId = `${post.network}:test`;
  await tx.monitor.record({
    ...post,
    sourceId,
    authorId: 'author',
    postedAt: now,
    seenAt: now,
    verdict: 'incident',
    reason: null,
    sector: r.appeal.sector,
    places: [],
    appealId: r.appeal.id,
  });
  return r.appeal;
}

/** A Telegram channel post the monitor examined at `at` and found irrelevant (not local). */
export function irrelevantPost(id: string, at: Date, over: Partial<SeenPost> = {}): SeenPost {
  return {
    network: 'tg',
    externalId: `chan/${id}`,
    sourceId: 'tg:chan',
    url: `https://t.me/chan/${id}`,
    authorId: 'chan',
    text: `Публикация ${id}`,
    postedAt: at,
    seenAt: at,
    verdict: 'irrelevant',
    reason: 'not_local',
    sector: 'other',
    places: [],
    ownWall: false,
    appealId: null,
    ...over,
  };
}

export interface MonitorTestEnv {
  readonly env: TestEnv;
  readonly fake: FakeVkMonitor;
}

/**
 * For a describe block: a fresh database with the clock at `at`, and the fake VK/web server;
 * `setup` fills the fake and the database before the tests; both are closed after the block.
 */
export function useMonitorEnv(
  at: string | Date,
  setup?: (env: TestEnv, fake: FakeVkMonitor) => Promise<void> | void,
): MonitorTestEnv {
  let env: TestEnv | undefined;
  let fake: FakeVkMonitor | undefined;
  beforeAll(async () => {
    env = await openTestEnv();
    env.clock.set(at);
    fake = await startFakeVkMonitor();
    await setup?.(env, fake);
  });
  afterAll(async () => {
    await fake?.close();
    await env?.close();
  });
  return {
    get env() {
      return env!;
    },
    get fake() {
      return fake!;
    },
  };
}
