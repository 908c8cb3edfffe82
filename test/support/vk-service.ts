/**
 * The whole service in-process with the real VK adapter (vk-io) pointed at the fake VK server:
 * config files in a temp dir, a fresh SQLite file, no per-dialog spacing unless asked for.
 */
import { afterAll, beforeAll } from 'vitest';
import { createVkAdapter } from '../../src/bots/vk/create-vk-adapter.ts';
import { type VkSettings, vkSettings } from '../../src/bots/vk/settings.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { createFakeVk, type FakeVk } from '../fakes/fake-vk.ts';
import { type ConfigFixture, waitUntil, writeConfigFixture } from './service-fixture.ts';

export const VK_TOKEN = 'vk1.a.test-community-token';
export const VK_GROUP = 777;
export const VK_SECRET = 'Callback0Secret';
export const VK_CONFIRMATION = 'a1b2c3d4';

export function vkFixture(base: string, env: NodeJS.ProcessEnv = {}): ConfigFixture {
  return writeConfigFixture({
    env: {
      VK_GROUP_TOKEN: VK_TOKEN,
      VK_GROUP_ID: String(VK_GROUP),
      VK_API_BASE_URL: `${base}/method`,
      ...env,
    },
  });
}

export function startVkService(
  fx: ConfigFixture,
  o: { settings?: Partial<VkSettings>; logger?: Logger } = {},
): Promise<Service> {
  return startService(loadConfig(fx.env, fx.dir), o.logger ?? createLogger('silent'), {
    adapters: (ctx) => [
      createVkAdapter(ctx, { ...vkSettings(ctx.config), perPeerIntervalMs: 0, ...o.settings }),
    ],
  });
}

export const until = <T>(
  what: string,
  probe: () => T | Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 8_000,
) => waitUntil(what, probe, ok, { timeoutMs, everyMs: 20 });

/** Waits for the `n`-th message the fake VK delivered to a peer (1-based) and returns it. */
export const nthDelivery = (fake: FakeVk, peer: number, n: number) =>
  until(
    `message ${n} to ${peer}`,
    () => fake.deliveriesTo(peer),
    (d) => d.length >= n,
  ).then((d) => d[n - 1]!);

export interface VkServiceHandle {
  readonly fake: FakeVk;
  readonly fx: ConfigFixture;
  readonly service: Service;
}

/**
 * For a describe block: the fake VK, config and service, started once and stopped after the block.
 * `prepare` sets the fake up before it listens; `ready` runs once the service is up; with
 * `longPoll` the block starts only when the service is polling.
 */
export function useVkService(
  o: {
    env?: NodeJS.ProcessEnv;
    logger?: Logger;
    prepare?: (fake: FakeVk) => void;
    ready?: (service: Service) => Promise<void>;
    longPoll?: boolean;
  } = {},
): VkServiceHandle {
  let fake: FakeVk | undefined;
  let fx: ConfigFixture | undefined;
  let service: Service | undefined;
  beforeAll(async () => {
    fake = createFakeVk({ groupId: VK_GROUP, token: VK_TOKEN });
    o.prepare?.(fake);
    fx = vkFixture(await fake.listen(), o.env);
    service = await startVkService(fx, { logger: o.logger });
    await o.ready?.(service);
    const polling = () => fake!.calls.some((c) => c.method === 'groups.getLongPollServer');
    if (o.longPoll) await until('long poll', polling, Boolean);
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    fx?.cleanup();
  });
  return {
    get fake() {
      return fake!;
    },
    get fx() {
      return fx!;
    },
    get service() {
      return service!;
    },
  };
}
