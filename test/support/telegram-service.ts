/**
 * The whole service in-process with the real Telegram adapter pointed at a fake Bot API or the
 * emulator: config files in a temp dir, fast polling, and no per-chat spacing unless asked for.
 */
import { createTelegramAdapter } from '../../src/bots/telegram/create-telegram-adapter.ts';
import { type TelegramSettings, telegramSettings } from '../../src/bots/telegram/settings.ts';
import { type Config, loadConfig } from '../../src/config/load.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import { type ConfigFixture, writeConfigFixture } from './service-fixture.ts';

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

export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
  everyMs = 25,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
