/**
 * Our own Callback API route, not vk-io's: vk-io's handler answers `ok` before any code runs, so VK
 * would never retry an event we failed to keep. Here the secret (inside the JSON body) is compared
 * in constant time, the event is stored, and only then is `ok` answered; anything else makes VK retry.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from '../../logger.ts';
import { externalIdOf, isRawVkEvent, type Receiver, shouldStore } from './receive.ts';

const MAX_BODY = '1mb';

/** Hashing first makes both sides the same length, so the comparison leaks neither content nor length. */
export function secretMatches(given: unknown, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

export interface CallbackRoute {
  /** After close the route answers 503, so VK keeps the event and retries it later. */
  close(): Promise<void>;
}

export interface CallbackOptions {
  path: string;
  secret: string;
  confirmation: string;
  groupId: number;
}

function parseBody(req: Request): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
  } catch {
    return undefined;
  }
}

export function mountCallback(
  app: Express,
  o: CallbackOptions,
  receiver: Receiver,
  logger: Logger,
): CallbackRoute {
  let open = true;

  const handle = async (req: Request, res: Response) => {
    if (!open) return void res.status(503).type('text/plain').send('stopping');
    const body = parseBody(req);
    if (body === undefined) return void res.status(400).type('text/plain').send('body is not JSON');
    if (!secretMatches((body as { secret?: unknown } | null)?.secret, o.secret)) {
      logger.warn({ ip: req.ip }, 'vk callback: wrong or missing secret');
      return void res.status(403).type('text/plain').send('forbidden');
    }
    if (!isRawVkEvent(body)) return void res.status(400).type('text/plain').send('not a VK event');
    if (body.group_id !== undefined && Number(body.group_id) !== o.groupId) {
      logger.warn({ groupId: body.group_id }, 'vk callback: event for another community');
      return void res.status(400).type('text/plain').send('wrong group');
    }
    if (body.type === 'confirmation') return void res.status(200).type('text/plain').send(o.confirmation);
    if (shouldStore(body) && !externalIdOf(body)) {
      return void res.status(400).type('text/plain').send('event without event_id');
    }
    // The secret has done its job; it is not kept in the database.
    const { secret: _secret, ...event } = body;
    try {
      await receiver.store([event as typeof body]);
      res.status(200).type('text/plain').send('ok');
    } catch (error) {
      logger.error({ err: error, type: body.type }, 'vk callback: storing the event failed');
      res.status(500).type('text/plain').send('not stored');
    }
  };

  app.post(o.path, express.raw({ type: () => true, limit: MAX_BODY }), handle);
  return {
    async close() {
      open = false;
    },
  };
}
