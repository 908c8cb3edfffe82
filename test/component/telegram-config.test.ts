import { afterEach, describe, expect, it } from 'vitest';
import { configuredAdapters } from '../../src/bots/configured.ts';
import { telegramSettings } from '../../src/bots/telegram/settings.ts';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { type ConfigFixture, writeConfigFixture } from '../support/service-fixture.ts';

const fixtures: ConfigFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});
function load(env: NodeJS.ProcessEnv) {
  const f = writeConfigFixture();
  fixtures.push(f);
  return loadConfig({ ...f.env, ...env }, f.dir);
}
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).context.problems as string[];
  }
  throw new Error('accepted an invalid environment');
}

describe('telegram configuration', () => {
  it('when nothing Telegram is set, then defaults apply and no adapter runs', () => {
    const config = load({});
    expect(config.env).toMatchObject({
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      TELEGRAM_HEAD_CHAT_IDS: [],
      TELEGRAM_MERGE_WINDOW_MS: 120_000,
      POS_URL: 'https://pos.gosuslugi.ru/form',
      DIGEST_CRON: '0 9 * * *',
      WEEKLY_CRON: '0 9 * * 1',
    });
    expect(config.env.TELEGRAM_BOT_TOKEN).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: only config is read when no token is set.
    expect(configuredAdapters({ config } as any)).toEqual([]);
  });

  it('when the variables are set, then the settings carry them (head chats as a list, webhook with its secret)', () => {
    const config = load({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_STAFF_CHAT_ID: '-1001234',
      TELEGRAM_HEAD_CHAT_IDS: ' 111, -222 ,',
      TELEGRAM_WEBHOOK_URL: 'https://mcu.example.ru/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 'a-secret_of-16-chars',
      TELEGRAM_MERGE_WINDOW_MS: '60000',
    });
    expect(telegramSettings(config)).toMatchObject({
      staffChatId: '-1001234',
      headChatIds: ['111', '-222'],
      mergeWindowMs: 60_000,
      webhook: { url: 'https://mcu.example.ru/tg/hook', secret: 'a-secret_of-16-chars' },
      municipality: 'Тестовый округ',
      groupIntervalMs: 3_000,
      privateIntervalMs: 1_000,
    });
  });

  it('when the webhook URL has no secret, then the start is refused with what to set', () => {
    const p = problems({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_URL: 'https://mcu.example.ru/hook',
    });
    expect(p.join('\n')).toMatch(/TELEGRAM_WEBHOOK_SECRET — required when TELEGRAM_WEBHOOK_URL is set/);
  });

  it('when values are malformed, then each is named', () => {
    const p = problems({
      TELEGRAM_BOT_TOKEN: 'not a token',
      TELEGRAM_STAFF_CHAT_ID: 'staff',
      TELEGRAM_HEAD_CHAT_IDS: '1,x',
      TELEGRAM_WEBHOOK_URL: 'ftp://x',
      TELEGRAM_WEBHOOK_SECRET: 'short',
      DIGEST_CRON: 'every day',
      TELEGRAM_API_ROOT: 'nope',
    }).join('\n');
    for (const key of [
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_STAFF_CHAT_ID',
      'TELEGRAM_HEAD_CHAT_IDS',
      'TELEGRAM_WEBHOOK_URL',
      'TELEGRAM_WEBHOOK_SECRET',
      'DIGEST_CRON',
      'TELEGRAM_API_ROOT',
    ]) {
      expect(p).toContain(key);
    }
  });
});
