/**
 * The whole service in-process with the real Telegram adapter pointed at a fake Bot API or the
 * emulator: config files in a temp dir, fast polling, and no per-chat spacing unless asked for.
 */
import { afterEach, beforeEach } from 'vitest';
import { createTelegramAdapter } from '../../src/bots/telegram/create-telegram-adapter.ts';
import { type TelegramSettings, telegramSettings } from '../../src/bots/telegram/settings.ts';
import { type Config, loadConfig } from '../../src/config/load.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import { type FakeBotApi, startFakeBotApi } from '../fakes/fake-bot-api.ts';
import { type ConfigFixture, waitUntil, writeConfigFixture } from './service-fixture.ts';

export const TOKEN = '123456:TEST_TOKEN';
export const STAFF_CHAT = '-100500';

export function telegramFixture(apiRoot: string, env: NodeJS.ProcessEnv = {}): ConfigFixture {
  return writeConfigFixture({
    env: {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
      ...env,
    },
  });
}

export function startTelegramService(
  fx: ConfigFixture,
  o: { settings?: Partial<TelegramSettings>; logger?: Logger; config?: Config } = {},
): Promise<Service> {
  const config = o.config ?? loadConfig(fx.env);
  return startService(config, o.logger ?? createLogger('silent'), {
    adapters: (ctx) => [
      createTelegramAdapter(
        ctx,
        { ...telegramSettings(ctx.config), groupIntervalMs: 0, privateIntervalMs: 0, ...o.settings },
        { polling: { timeoutS: 1 } },
      ),
    ],
  });
}

/** Residents who already gave consent, so their first message becomes an appeal at once. */
export async function consentedResidents(dbUrl: string, userIds: number[]): Promise<void> {
  const store = await createStore({ url: dbUrl });
  try {
    const residents = await store.residents.ensureMany(
      userIds.map((id) => ({ channel: 'telegram', externalId: String(id), chatId: String(id), name: null })),
    );
    const at = new Date();
    await store.db.resident.updateMany({
      where: { id: { in: residents.map((r) => r.id) } },
      data: { consentAt: at },
    });
  } finally {
    await store.close();
  }
}

export const until = <T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
  everyMs = 25,
) => waitUntil(what, probe, ok, { timeoutMs, everyMs });

export interface TelegramServices {
  readonly api: FakeBotApi;
  readonly fx: ConfigFixture;
  /** Starts the service; it is stopped after the test whatever happens. */
  start(): Promise<Service>;
  /** Stops a running service before the test ends. */
  stop(service: Service): Promise<void>;
  /** Stops a running service and starts a new one over the same database and fake Bot API. */
  restart(service: Service): Promise<Service>;
}

/** Per test: a fresh fake Bot API, config and database with these residents consented. */
export function useTelegramServices(residents: number[]): TelegramServices {
  let api: FakeBotApi | undefined;
  let fx: ConfigFixture | undefined;
  const running: Service[] = [];
  beforeEach(async () => {
    api = await startFakeBotApi();
    fx = telegramFixture(api.url);
    await consentedResidents(fx.dbUrl, residents);
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop().catch(() => {});
    await api?.stop();
    fx?.cleanup();
  });
  const start = async () => {
    const s = await startTelegramService(fx!);
    running.push(s);
    return s;
  };
  const stop = async (service: Service) => {
    await service.stop();
    running.splice(running.indexOf(service), 1);
  };
  return {
    get api() {
      return api!;
    },
    get fx() {
      return fx!;
    },
    start,
    stop,
    async restart(service) {
      await stop(service);
      return start();
    },
  };
}
