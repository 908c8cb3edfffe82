import { describe, expect, it } from 'vitest';
import { configuredAdapters } from '../../src/bots/configured.ts';
import { vkSettings } from '../../src/bots/vk/settings.ts';
import type { Config } from '../../src/config/load.ts';
import { envSchema, fileSchema } from '../../src/config/schema.ts';
import type { AdapterContext } from '../../src/main.ts';

const problems = (env: Record<string, string>) => {
  const r = envSchema.safeParse(env);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('VK environment', () => {
  it('when nothing VK is set, then the defaults apply and VK stays off', () => {
    const env = envSchema.parse({});
    expect(env.VK_API_BASE_URL).toBe('https://api.vk.com/method');
    expect(env.VK_MERGE_WINDOW_MS).toBe(120_000);
    expect(env.VK_GROUP_TOKEN).toBeUndefined();
  });

  it('when only one of the token and the community id is set, then the other is asked for', () => {
    expect(problems({ VK_GROUP_TOKEN: 'vk1.a.some-token' })).toEqual([
      'VK_GROUP_ID: required when VK_GROUP_TOKEN is set',
    ]);
    expect(problems({ VK_GROUP_ID: '123' })).toEqual(['VK_GROUP_TOKEN: required when VK_GROUP_ID is set']);
    expect(problems({ VK_GROUP_ID: '-123', VK_GROUP_TOKEN: 'vk1.a.some-token' })[0]).toMatch(
      /^VK_GROUP_ID: /,
    );
  });

  it('when the callback secret is set without the confirmation code, then the code is asked for', () => {
    const base = { VK_GROUP_TOKEN: 'vk1.a.some-token', VK_GROUP_ID: '123' };
    expect(problems({ ...base, VK_CALLBACK_SECRET: 'Secret123' })[0]).toMatch(
      /^VK_CONFIRMATION_CODE: required/,
    );
    expect(problems({ ...base, VK_CALLBACK_SECRET: 'bad secret!' })[0]).toMatch(/^VK_CALLBACK_SECRET: /);
    const env = envSchema.parse({ ...base, VK_CALLBACK_SECRET: 'Secret123', VK_CONFIRMATION_CODE: 'ab12' });
    const settings = vkSettings({ env, file: { municipality: { name: 'Округ' } } } as unknown as Config);
    expect(settings).toMatchObject({
      groupId: 123,
      callback: { secret: 'Secret123', confirmation: 'ab12', path: '/vk/callback' },
    });
  });

  it('when VK alone is configured, then configuredAdapters returns the VK adapter only', () => {
    const env = envSchema.parse({ VK_GROUP_TOKEN: 'vk1.a.some-token', VK_GROUP_ID: '123' });
    const noop = () => {};
    const logger = { child: () => logger, info: noop, warn: noop, error: noop, debug: noop };
    const ctx = {
      config: { env, file: fileSchema.parse({ municipality: { name: 'Округ' } }) },
      deps: {},
      logger,
      app: {},
      wake: noop,
    };
    const adapters = configuredAdapters(ctx as unknown as AdapterContext);
    expect(adapters.map((a) => a.name)).toEqual(['vk']);
  });
});
