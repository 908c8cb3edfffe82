/**
 * Who may do what. Only people in the staff config act; anyone else gets a polite refusal.
 * coordinator and head: everything. block_head: appeals of their sectors. executor: appeals of their
 * sectors and appeals assigned to them; they may take work but not hand it to somebody else.
 */
import type { CoreDeps } from '../../../core/deps.ts';
import type { Appeal, StaffMember } from '../../../core/model.ts';
import type { Repositories } from '../../../core/ports.ts';

export async function staffByTelegram(tx: Repositories, telegramId: string): Promise<StaffMember | null> {
  const member = await tx.staff.byTelegramId(telegramId);
  return member?.active ? member : null;
}

export const isLead = (s: StaffMember) => s.role === 'coordinator' || s.role === 'head';

/** A member's sectors: from the staff config and from the sector catalogue's heads/executors lists. */
export function sectorsOf(deps: CoreDeps, s: StaffMember): Set<string> {
  const listed = deps.catalogue.sectors.filter((d) => d.heads.includes(s.id) || d.executors.includes(s.id));
  return new Set([...s.sectors, ...listed.map((d) => d.code)]);
}

export function canAct(deps: CoreDeps, s: StaffMember, appeal: Appeal): boolean {
  if (isLead(s)) return true;
  if (sectorsOf(deps, s).has(appeal.sector)) return true;
  return s.role === 'executor' && appeal.assigneeId === s.id;
}

/** Handing an appeal to another person is a manager's call; executors only take work themselves. */
export function canAssignOthers(deps: CoreDeps, s: StaffMember, appeal: Appeal): boolean {
  return s.role !== 'executor' && canAct(deps, s, appeal);
}

/** What a member sees in /overdue and /find: everything for leads, their own scope for the rest. */
export function inScope(deps: CoreDeps, s: StaffMember): (a: Appeal) => boolean {
  return (a) => canAct(deps, s, a);
}
