/**
 * Per-staff conversation modes («Уточнить», «Ответить», «Дубль»: the next message is the question, the
 * answer, the original number). They live in the database inside the inbox transaction (see
 * store/repositories/staff-modes.ts), so a restart between the button and the message keeps them, and
 * a batch that fails leaves them as they were. The TTL stays: a mode is a few minutes of intent.
 */
import type { StaffMode, StaffModeKind } from '../../../core/ports.ts';
import type { TgContext } from '../context.ts';

export type ModeKind = StaffModeKind;

export const MODE_TTL_MS = 15 * 60_000;

/** Replaces the staff member's mode; it lasts MODE_TTL_MS from now. */
export function setMode(
  ctx: TgContext,
  staffId: string,
  mode: Pick<StaffMode, 'kind' | 'appealId' | 'chatId'>,
): Promise<void> {
  const expiresAt = new Date(ctx.deps.clock.now().getTime() + MODE_TTL_MS);
  return ctx.tx.staffModes.set(staffId, { ...mode, expiresAt });
}

/** The staff member's live mode in this chat, used up by the event being handled. */
export function takeMode(ctx: TgContext, staffId: string, chatId: string): Promise<StaffMode | null> {
  return ctx.tx.staffModes.take(staffId, chatId, ctx.eventId, ctx.deps.clock.now());
}
