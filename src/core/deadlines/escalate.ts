/**
 * Escalation: a due-soon reminder to the executor, and overdue work to the block head and the
 * coordinator. Each goes out once per appeal and deadline (outbox dedupe keys), however often it runs.
 */
import type { CoreDeps } from '../deps.ts';
import type { Appeal, StaffMember } from '../model.ts';
import { toChat } from '../notify.ts';
import type { NewOutboxMessage, Repositories } from '../ports.ts';
import { formatDateTime } from '../texts-ru.ts';
import { dueSoonAppeals, overdueAppeals } from './queries.ts';

const STAFF_CHANNEL = 'telegram';

function chatOf(m: StaffMember | null | undefined): string | null {
  return m?.active && m.telegramId ? m.telegramId : null;
}

export async function escalate(deps: CoreDeps, tx: Repositories, now: Date) {
  const staff = await tx.staff.list();
  const byId = new Map(staff.map((s) => [s.id, s]));
  const coordinators = staff.filter((s) => s.role === 'coordinator');
  const out: NewOutboxMessage[] = [];
  const tz = deps.settings.timeZone;
  const due = (a: Appeal) => formatDateTime(a.dueAt, tz);

  for (const a of await dueSoonAppeals(tx.appeals, now)) {
    const chat = chatOf(byId.get(a.assigneeId ?? '')) ?? deps.settings.staffChat?.chatId ?? null;
    if (!chat) continue;
    const text = `Напоминание: срок по обращению № ${a.number} истекает ${due(a)}.`;
    out.push(toChat(STAFF_CHANNEL, chat, text, `due_soon:${a.id}:${a.dueAt.toISOString()}`));
  }
  for (const a of await overdueAppeals(tx.appeals, now)) {
    const heads = (deps.catalogue.byCode(a.sector)?.heads ?? []).map((id) => byId.get(id));
    const chats = new Set([...heads, ...coordinators].map(chatOf).filter((c): c is string => c !== null));
    const who = a.assigneeId ? (byId.get(a.assigneeId)?.name ?? a.assigneeId) : 'исполнитель не назначен';
    const text = `Просрочено обращение № ${a.number} (срок ${due(a)}; ${who}).`;
    for (const chat of chats)
      out.push(toChat(STAFF_CHANNEL, chat, text, `overdue:${a.id}:${chat}:${a.dueAt.toISOString()}`));
  }
  for (const m of out) await tx.outbox.enqueue(m, now);
  return { messages: out.length };
}
