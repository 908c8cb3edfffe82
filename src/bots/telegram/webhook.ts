/**
 * The webhook route: the secret header is compared in constant time before the body is even parsed,
 * so a forged request gets 401 and stores nothing. A valid update is stored, then answered 200;
 * Telegram retries anything else, which is what we want when the database is briefly unavailable.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from '../../logger.ts';
import { isRawUpdate, type Receiver } from './receive.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY = '1mb';

/** Hashing first makes both sides the same length, so the comparison leaks neither content nor length. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

export interface WebhookRoute {
  /** After close the route answers 503, so Telegram keeps the update for later. */
  close(): Promise<void>;
}

export function mountWebhook(
  app: Express,
  path: string,
  secret: string,
  receiver: Receiver,
  logger: Logger,
): WebhookRoute {
  let open = true;
  const inFlight = new Set<Promise<unknown>>();

  const checkSecret = (req: Request, res: Response, next: () => void) => {
    if (!open) return void res.status(503).json({ error: 'stopping' });
    if (!secretMatches(req.get(SECRET_HEADER), secret)) {
      logger.warn({ ip: req.ip }, 'telegram webhook: wrong or missing secret token');
      return void res.status(401).json({ error: 'unauthorized' });
    }
    next();
  };

  const store = async (req: Request, res: Response) => {
    let update: unknown;
    try {
      update = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    } catch {
      return void res.status(400).json({ error: 'body is not JSON' });
    }
    if (!isRawUpdate(update)) return void res.status(400).json({ error: 'not a Telegram update' });
    const work = receiver.store([update]);
    inFlight.add(work);
    try {
      await work;
      res.status(200).json({ ok: true });
    } catch (error) {
      logger.error({ err: error, updateId: update.update_id }, 'telegram webhook: storing the update failed');
      res.status(500).json({ error: 'not stored' });
    } finally {
      inFlight.delete(work);
    }
  };

  app.post(path, checkSecret, express.raw({ type: () => true, limit: MAX_BODY }), store);
  return {
    async close() {
      open = false;
      await Promise.allSettled([...inFlight]);
    },
  };
}
