/**
 * Structured logs (pino). Tokens, secrets and residents' phone numbers never reach them: known keys
 * are redacted, and every string is scrubbed of phone numbers, e-mails and bot tokens.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskContacts } from './core/text/contacts.ts';

export type { Logger };

// Telegram bot tokens (123456:AA…), VK tokens (vk1.a.…), and long opaque secrets in URLs.
const TOKENS = [/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, /\bvk1\.a\.[A-Za-z0-9_-]+/g, /(access_token|secret|token)=[^&\s]+/gi];

export function scrub(text: string): string {
  let out = text;
  for (const re of TOKENS) out = out.replace(re, (m) => (m.includes('=') ? `${m.split('=')[0]}=[secret]` : '[secret]'));
  return maskContacts(out);
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: scrub(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
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
  return pino(
    {
      level,
      base: { service: 'mcu-intake' },
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => scrubDeep(e) },
    },
    destination,
  );
}
