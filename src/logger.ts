/**
 * Structured logs (pino). Tokens, secrets and residents' phone numbers never reach them: known keys
 * are redacted, and every string is scrubbed of phone numbers, e-mails and bot tokens.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import { maskContacts } from './core/text/contacts.ts';

export type { Logger };

// Telegram bot tokens (123456:AA…), VK tokens (vk1.a.…), and long opaque secrets in URLs.
const TOKENS = [
  /\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g,
  /\bvk1\.a\.[A-Za-z0-9_-]+/g,
  /(access_token|secret|token)=[^&\s]+/gi,
];

export function scrub(text: string): string {
  let out = text;
  for (const re of TOKENS)
    out = out.replace(re, (m) => (m.includes('=') ? `${m.split('=')[0]}=[secret]` : '[secret]'));
  return maskContacts(out);
}

// Keys whose values are secret or personal at any depth (pino's redact paths only reach fixed depths).
const SECRET_KEYS = new Set(['token', 'secret', 'phone', 'password', 'authorization']);

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { type: value.name, message: scrub(value.message), stack: scrub(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      SECRET_KEYS.has(k.toLowerCase()) && v !== undefined && v !== null
        ? '[redacted]'
        : scrubDeep(v, depth + 1);
  }
  return out;
}

const REDACT = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'phone',
  '*.phone',
  '*.*.phone',
  'password',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'mcu-intake' },
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // logger.error(err) with no message: pino would copy err.message into msg unscrubbed.
          if (first instanceof Error && typeof rest[0] !== 'string') rest.unshift(scrub(first.message));
          // Interpolation values (%s %j %o) and the message itself are scrubbed too.
          const scrubbed = [
            typeof first === 'string' ? scrub(first) : first,
            ...rest.map((a) => scrubDeep(a)),
          ];
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => scrubDeep(e) },
    },
    destination,
  );
  // child({ chat: … }) bindings skip the log formatter (pino resets formatters.bindings for children), so
  // they are scrubbed here; children inherit this method from the root, so grandchildren are covered too.
  const pinoChild = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return pinoChild.call(this, scrubDeep(bindings) as typeof bindings, options);
  } as Logger['child'];
  return logger;
}
