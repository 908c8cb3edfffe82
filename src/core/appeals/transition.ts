/** The one place where an appeal changes status: checked, recorded as an event, announced. */

import { civilDateOf, yearOf } from '../deadlines/zoned-time.ts';
import type { CoreDeps } from '../deps.ts';
import { IllegalTransitionError, NotFoundError } from '../errors.ts';
import type { Appeal, AppealEventType, NewAppeal } from '../model.ts';
import { compact, staffCard, toResident } from '../notify.ts';
import type { NewOutboxMessage, Repositories } from '../ports.ts';
import { type Button, textsRu } from '../texts-ru.ts';
import { type AppealStatus, canTransition } from './lifecycle.ts';
import { parseAppealNumber } from './number.ts';

/** Finds an appeal by its id or by the number as typed by a person. */
export async function findAppeal(deps: CoreDeps, tx: Repositories, ref: string | number): Promise<Appeal> {
  const appeal =
    typeof ref === 'number'
      ? await tx.appeals.get(ref)
      : await tx.appeals.getByNumber(
          parseAppealNumber(ref, yearOf(civilDateOf(deps.clock.now(), deps.settings.timeZone))),
        );
  if (!appeal) throw new NotFoundError('Appeal', { ref });
  return appeal;
}

export interface ChangeOptions {
  actor: string;
  patch?: Partial<NewAppeal>;
  eventType?: AppealEventType;
  data?: Record<string, unknown>;
  /** The resident's message for this change; the generic status text when undefined, none when null. */
  residentText?: string | null;
  residentButtons?: Button[][];
  extra?: NewOutboxMessage[];
}

export async function changeStatus(
  deps: CoreDeps,
  tx: Repositories,
  appeal: Appeal,
  to: AppealStatus,
  o: ChangeOptions,
): Promise<Appeal> {
  const moves = to !== appeal.status;
  // Staying in place (an extension, a reroute in progress) is an event, not a transition.
  if (moves && !canTransition(appeal.status, to)) {
    throw new IllegalTransitionError({ number: appeal.number, from: appeal.status, to });
  }
  const now = deps.clock.now();
  const updated = await tx.appeals.update(appeal.id, { ...o.patch, status: to });
  await tx.appeals.addEvent({
    appealId: appeal.id,
    type: o.eventType ?? 'status',
    fromStatus: appeal.status,
    toStatus: to,
    actor: o.actor,
    data: o.data ?? null,
    at: now,
  });
  const residentText =
    o.residentText === undefined ? (moves ? textsRu.statusChanged(updated) : null) : o.residentText;
  const messages = compact([
    residentText === null ? null : toResident(updated, residentText, { buttons: o.residentButtons }),
    staffCard(deps, updated),
    ...(o.extra ?? []),
  ]);
  await tx.outbox.enqueueMany(messages, now);
  return updated;
}
