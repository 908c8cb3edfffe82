/** What staff do with an appeal: take, assign, reroute, ask, answer, close, reject, merge, extend. */
import { extendDueAt } from '../deadlines/compute-due-at.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Appeal } from '../model.ts';
import { publicAnswerMessages } from '../monitor/public-answer.ts';
import type { Repositories } from '../ports.ts';
import { formatDateTime, solvedButtons, textsRu } from '../texts-ru.ts';
import { changeStatus, findAppeal } from './transition.ts';

type Ref = string | number;
const staffActor = (staffId: string) => `staff:${staffId}`;

export function takeAppeal(deps: CoreDeps, tx: Repositories, ref: Ref, staffId: string): Promise<Appeal> {
  return assignAppeal(deps, tx, ref, staffId, staffId);
}

export async function assignAppeal(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  assigneeId: string,
  byStaffId: string,
) {
  const assignee = await tx.staff.get(assigneeId);
  if (!assignee?.active) throw new NotFoundError('Staff member', { assigneeId });
  const appeal = await findAppeal(deps, tx, ref);
  return changeStatus(deps, tx, appeal, 'assigned', {
    actor: staffActor(byStaffId),
    eventType: 'assigned',
    patch: { assigneeId },
    data: { assigneeId },
  });
}

/** A staff reroute is also a labelled example for the classifier. */
export async function changeSector(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  sector: string,
  byStaffId: string,
) {
  if (!deps.catalogue.byCode(sector)) throw new ValidationError(`Unknown sector «${sector}»`, { sector });
  const appeal = await findAppeal(deps, tx, ref);
  const patch = { sector, sectorDecidedBy: 'staff' as const, sectorConfidence: 1, assigneeId: null };
  await tx.training.add({ text: appeal.text, sector, source: 'staff', appealId: appeal.id });
  const to = appeal.status === 'triage' || appeal.status === 'assigned' ? 'new' : appeal.status;
  return changeStatus(deps, tx, appeal, to, {
    actor: staffActor(byStaffId),
    eventType: 'sector_changed',
    patch,
    data: { from: appeal.sector, to: sector },
    residentText: null,
  });
}

export async function askResident(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  question: string,
  byStaffId: string,
) {
  if (!question.trim()) throw new ValidationError('The question is empty');
  const appeal = await findAppeal(deps, tx, ref);
  return changeStatus(deps, tx, appeal, 'needs_info', {
    actor: staffActor(byStaffId),
    eventType: 'question',
    data: { question },
    residentText: textsRu.question(appeal, question),
  });
}

export async function answerAppeal(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  text: string,
  byStaffId: string,
) {
  if (!text.trim()) throw new ValidationError('The answer is empty');
  const appeal = await findAppeal(deps, tx, ref);
  return changeStatus(deps, tx, appeal, 'answered', {
    actor: staffActor(byStaffId),
    eventType: 'answer',
    data: { text },
    patch: { answeredAt: deps.clock.now(), assigneeId: appeal.assigneeId ?? byStaffId },
    residentText: textsRu.answer(appeal, text),
    residentButtons: solvedButtons(appeal),
    // An incident on the community's own wall is answered there, as a comment from the community.
    extra: await publicAnswerMessages(tx, appeal, text, staffActor(byStaffId)),
  });
}

/** An interim answer keeps the appeal open and tells the resident when to expect the result. */
export async function interimAnswer(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  text: string,
  promised: string | null,
  byStaffId: string,
) {
  if (!text.trim()) throw new ValidationError('The interim answer is empty');
  const appeal = await findAppeal(deps, tx, ref);
  const open = ['in_progress', 'needs_info'].includes(appeal.status);
  return changeStatus(deps, tx, appeal, open ? appeal.status : 'in_progress', {
    actor: staffActor(byStaffId),
    eventType: 'interim_answer',
    data: { text, promised },
    residentText: textsRu.interim(appeal, text, promised),
  });
}

export async function closeAppeal(deps: CoreDeps, tx: Repositories, ref: Ref, byStaffId: string) {
  const appeal = await findAppeal(deps, tx, ref);
  return changeStatus(deps, tx, appeal, 'closed', {
    actor: staffActor(byStaffId),
    patch: { closedAt: deps.clock.now() },
  });
}

export async function rejectAppeal(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  reason: string,
  byStaffId: string,
) {
  const appeal = await findAppeal(deps, tx, ref);
  return changeStatus(deps, tx, appeal, 'rejected', {
    actor: staffActor(byStaffId),
    data: { reason },
    patch: { spam: reason === 'spam' ? true : appeal.spam, closedAt: deps.clock.now() },
  });
}

export async function markDuplicate(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  originalRef: Ref,
  byStaffId: string,
) {
  const appeal = await findAppeal(deps, tx, ref);
  const original = await findAppeal(deps, tx, originalRef);
  if (original.id === appeal.id) throw new ValidationError('An appeal cannot duplicate itself', { ref });
  return changeStatus(deps, tx, appeal, 'duplicate', {
    actor: staffActor(byStaffId),
    patch: { duplicateOfId: original.id, closedAt: deps.clock.now() },
    data: { original: original.number },
    residentText: `Обращение № ${appeal.number} объединено с обращением № ${original.number}. Ответ придёт по нему.`,
  });
}

/** The one lawful extension of a 59-ФЗ term, with its reason sent to the citizen. */
export async function extendAppeal(
  deps: CoreDeps,
  tx: Repositories,
  ref: Ref,
  days: number,
  reason: string,
  byStaffId: string,
) {
  const appeal = await findAppeal(deps, tx, ref);
  const dueAt = extendDueAt({
    regime: appeal.kind,
    dueAt: appeal.dueAt,
    extensionDays: days,
    reason,
    alreadyExtended: appeal.extendedAt !== null,
    calendar: deps.calendar,
    timeZone: deps.settings.timeZone,
  });
  return changeStatus(deps, tx, appeal, appeal.status, {
    actor: staffActor(byStaffId),
    eventType: 'extended',
    patch: { dueAt, extendedAt: deps.clock.now(), extensionReason: reason },
    data: { days, reason, from: appeal.dueAt.toISOString() },
    residentText: textsRu.extended(appeal, formatDateTime(dueAt, deps.settings.timeZone), reason),
  });
}
