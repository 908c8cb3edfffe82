/**
 * The resident's «Проблема решена?» and rating buttons. Their ids are built in texts-ru.ts, so they
 * are read here too: every channel checks ownership and state the same way and only words the outcome.
 */
import type { CoreDeps } from '../deps.ts';
import type { Repositories } from '../ports.ts';
import { rateAppeal, residentSolved } from './resident-actions.ts';

export type ButtonRefusal = 'not_found' | 'not_yours' | 'already_done' | 'already_rated';

export type ButtonOutcome =
  /** Not one of the appeal buttons (consent, a stale or foreign button): the channel decides. */
  { kind: 'unknown' } | { kind: 'done' } | { kind: 'refused'; why: ButtonRefusal; appealId: number };

type Press =
  | { action: 'solved'; yes: boolean; appealId: number }
  | { action: 'rate'; rating: number; appealId: number };

function parse(id: string): Press | null {
  const s = /^solved:(yes|no):(\d+)$/.exec(id);
  if (s) return { action: 'solved', yes: s[1] === 'yes', appealId: Number(s[2]) };
  const r = /^rate:([1-5]):(\d+)$/.exec(id);
  if (r) return { action: 'rate', rating: Number(r[1]), appealId: Number(r[2]) };
  return null;
}

/** Why the press cannot be taken, or null: the appeal must be the presser's and in a fitting state. */
async function refusal(tx: Repositories, channel: string, externalId: string, p: Press) {
  const appeal = await tx.appeals.get(p.appealId);
  if (!appeal) return 'not_found';
  const resident = await tx.residents.findByExternal(channel, externalId);
  if (!resident || appeal.residentId !== resident.id) return 'not_yours';
  if (p.action === 'rate') return appeal.rating !== null ? 'already_rated' : null;
  // «Да» only makes sense for an answered, unrated appeal; «Нет» may also reopen a closed one.
  const allowed = p.yes
    ? appeal.status === 'answered' && appeal.rating === null
    : ['answered', 'closed'].includes(appeal.status);
  return allowed ? null : 'already_done';
}

export async function pressResidentButton(
  deps: CoreDeps,
  tx: Repositories,
  presser: { channel: string; externalId: string },
  id: string,
): Promise<ButtonOutcome> {
  const p = parse(id);
  if (!p) return { kind: 'unknown' };
  const why = await refusal(tx, presser.channel, presser.externalId, p);
  if (why) return { kind: 'refused', why, appealId: p.appealId };
  if (p.action === 'solved') await residentSolved(deps, tx, p.appealId, p.yes);
  else await rateAppeal(deps, tx, p.appealId, p.rating);
  return { kind: 'done' };
}
