import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { memoryDestination } from '../support/service-fixture.ts';

// Secret-shaped values; none is real.
const TG_TOKEN = `123456789:AAH${'dqTcvCH1vGWJxfSeofSAs0K5PALDsa'}w1`; // 35 chars after the colon
const VK_TOKEN = 'vk1.a.Zx9_abcDEF-123456789qwertyuiopASDFGHJ';
const URL_SECRET = 'f00dfacecafe0123456789abcdef0123456789';
const URL = `https://api.vk.com/method/messages.send?access_token=${URL_SECRET}&v=5.199`;
const PHONE_FORMATTED = '+7 (903) 123-45-67';
const PHONE_PLAIN = '89031234567';
const FORBIDDEN = [
  TG_TOKEN,
  VK_TOKEN,
  URL_SECRET,
  PHONE_FORMATTED,
  PHONE_PLAIN,
  '(903)',
  '123-45-67',
  '9031234567',
  'AAHdqTcv',
];

function logged(write: (log: ReturnType<typeof createLogger>) => void) {
  const dest = memoryDestination();
  write(createLogger('trace', dest as unknown as DestinationStream));
  expect(dest.lines.length).toBeGreaterThan(0);
  return { text: dest.text, records: dest.records() };
}

function expectClean(text: string) {
  for (const secret of FORBIDDEN) expect(text, `«${secret}» leaked`).not.toContain(secret);
}

describe('createLogger', () => {
  it('when tokens, a URL secret and phones are in the message, then they are masked and the rest survives', () => {
    expect(TG_TOKEN.split(':')[1]).toHaveLength(35);
    const { text, records } = logged((log) =>
      log.info(`bot ${TG_TOKEN} vk ${VK_TOKEN} url ${URL} resident ${PHONE_FORMATTED} or ${PHONE_PLAIN} ok`),
    );
    expectClean(text);
    expect(records[0]?.msg).toBe(
      'bot [secret] vk [secret] url https://api.vk.com/method/messages.send?access_token=[secret]&v=5.199 ' +
        'resident [телефон] or [телефон] ok',
    );
    expect(records[0]).toMatchObject({ level: 30, service: 'mcu-intake' });
  });

  it('when secrets are in nested objects and arrays, then they are masked and the structure survives', () => {
    const { text, records } = logged((log) =>
      log.warn(
        {
          appeal: { number: '2026-000001', text: `звоните ${PHONE_FORMATTED}`, meta: { url: URL } },
          ids: [VK_TOKEN, 7],
        },
        'nested',
      ),
    );
    expectClean(text);
    expect(records[0]).toMatchObject({
      msg: 'nested',
      appeal: {
        number: '2026-000001',
        text: 'звоните [телефон]',
        meta: { url: expect.stringContaining('v=5.199') },
      },
      ids: ['[secret]', 7],
    });
  });

  it("when an Error's message holds a token and a phone, then err, msg and the stack are masked", () => {
    const { text, records } = logged((log) => {
      log.error({ err: new Error(`sendMessage failed for ${TG_TOKEN} to ${PHONE_PLAIN}`) }, 'send failed');
      log.error(new Error(`bare ${VK_TOKEN} ${PHONE_FORMATTED}`));
      log.error({ context: { cause: new Error(`nested ${URL}`) } }, 'nested error');
    });
    expectClean(text);
    expect(records[0]).toMatchObject({
      msg: 'send failed',
      err: { type: 'Error', message: 'sendMessage failed for [secret] to [телефон]' },
    });
    expect(String((records[0]?.err as { stack?: string } | undefined)?.stack)).toContain(
      'sendMessage failed for [secret]',
    );
    // With no message of its own, pino takes the error's message: it must be masked too.
    expect(records[1]).toMatchObject({
      msg: 'bare [secret] [телефон]',
      err: { message: 'bare [secret] [телефон]' },
    });
    expect(records[2]).toMatchObject({ context: { cause: { type: 'Error' } } });
  });

  it('when values sit under phone/token/secret keys at any depth, then they are redacted', () => {
    const { text, records } = logged((log) =>
      log.info(
        {
          phone: PHONE_PLAIN,
          token: 'plain-looking-bot-secret',
          secret: 'webhook-secret-value',
          resident: { id: 5, phone: '4712-1234567' },
          adapter: { config: { telegram: { token: 'deeply-nested-secret' } } },
          headers: { authorization: 'Bearer abc.def' },
        },
        'keys',
      ),
    );
    expectClean(text);
    for (const s of [
      'plain-looking-bot-secret',
      'webhook-secret-value',
      '4712-1234567',
      'deeply-nested-secret',
      'abc.def',
    ]) {
      expect(text).not.toContain(s);
    }
    expect(records[0]).toMatchObject({
      phone: '[redacted]',
      token: '[redacted]',
      resident: { id: 5, phone: '[redacted]' },
      adapter: { config: { telegram: { token: '[redacted]' } } },
    });
  });

  it('when secrets come through printf interpolation or child bindings, then they are masked as well', () => {
    const { text, records } = logged((log) => {
      log.info('resident %s wrote %j via %o', PHONE_PLAIN, { url: URL }, { bot: TG_TOKEN });
      log
        .child({ chat: `from ${PHONE_FORMATTED}`, token: TG_TOKEN })
        .child({ via: VK_TOKEN })
        .info('child');
    });
    expectClean(text);
    expect(records[0]?.msg).toContain('resident [телефон] wrote');
    expect(records[1]).toMatchObject({
      msg: 'child',
      chat: 'from [телефон]',
      token: '[redacted]',
      via: '[secret]',
    });
  });

  it('when nothing secret is logged, then the line is unchanged (numbers, dates, appeal numbers survive)', () => {
    const { records } = logged((log) =>
      log.info(
        { number: '2026-000123', port: 3000, at: '2026-03-10T09:00:00Z', count: 12345678901 },
        'plain',
      ),
    );
    expect(records[0]).toMatchObject({
      number: '2026-000123',
      port: 3000,
      at: '2026-03-10T09:00:00Z',
      count: 12345678901,
      msg: 'plain',
    });
  });

  it('when the level is warn, then info lines are not written', () => {
    const dest = memoryDestination();
    const log = createLogger('warn', dest as unknown as DestinationStream);
    log.info('hidden');
    log.warn('shown');
    expect(dest.records().map((r) => r.msg)).toEqual(['shown']);
  });
});
