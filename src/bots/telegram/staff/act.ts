/** Shared by staff buttons, commands and replies: find the appeal, check the right, act, confirm. */
import { findAppeal } from '../../../core/appeals/transition.ts';
import type { Appeal, StaffMember } from '../../../core/model.ts';
import { say, type TgContext } from '../context.ts';
import { tgTexts } from '../texts.ts';
import { canAct, canAssignOthers } from './access.ts';

export interface StaffCtx extends TgContext {
  staff: StaffMember;
  /** Where the staff member acted: refusals and confirmations go there. */
  chatId: string;
}

export type Right = 'act' | 'assign';

/**
 * Runs `action` on the appeal when the member has the right; says why not otherwise. `confirm` is the
 * short line posted to the chat afterwards (buttons rely on the refreshed card and pass none).
 */
export async function onAppeal(
  s: StaffCtx,
  ref: string | number,
  right: Right,
  action: (appeal: Appeal) => Promise<unknown>,
  confirm?: string,
): Promise<boolean> {
  const appeal = await findAppeal(s.deps, s.tx, ref);
  const allowed =
    right === 'act' ? canAct(s.deps, s.staff, appeal) : canAssignOthers(s.deps, s.staff, appeal);
  if (!allowed) {
    await say(s, s.chatId, tgTexts.notAllowed(appeal.number));
    return false;
  }
  await action(appeal);
  if (confirm) await say(s, s.chatId, tgTexts.done(confirm, appeal.number));
  return true;
}
