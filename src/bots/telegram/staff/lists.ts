/** Read-only staff commands: /overdue, /mine, /stats, /find. Lists are cut to fit one message. */
import { type AppealStatus, OPEN_STATUSES, STATUS_NAMES_RU } from '../../../core/appeals/lifecycle.ts';
import { parseAppealNumber } from '../../../core/appeals/number.ts';
import { overdueAppeals } from '../../../core/deadlines/queries.ts';
import { civilDateOf, yearOf } from '../../../core/deadlines/zoned-time.ts';
import type { Appeal } from '../../../core/model.ts';
import { formatDateTime } from '../../../core/texts-ru.ts';
import { say } from '../context.ts';
import { tgTexts } from '../texts.ts';
import { inScope } from './access.ts';
import type { StaffCtx } from './act.ts';

const MAX_LINES = 25;

function line(s: StaffCtx, a: Appeal): string {
  const sector = s.deps.catalogue.byCode(a.sector)?.name ?? a.sector;
  const due = formatDateTime(a.dueAt, s.deps.settings.timeZone);
  return `№ ${a.number} — ${sector} — ${STATUS_NAMES_RU[a.status]} — до ${due}`;
}

function listText(s: StaffCtx, title: string, appeals: Appeal[], empty: string): string {
  if (appeals.length === 0) return empty;
  const shown = appeals.slice(0, MAX_LINES).map((a) => line(s, a));
  const more = appeals.length > MAX_LINES ? [`…и ещё ${appeals.length - MAX_LINES}`] : [];
  return [`${title} (${appeals.length}):`, ...shown, ...more].join('\n');
}

export async function overdue(s: StaffCtx) {
  const all = await overdueAppeals(s.tx.appeals, s.deps.clock.now());
  await say(
    s,
    s.chatId,
    listText(s, 'Просроченные', all.filter(inScope(s.deps, s.staff)), tgTexts.noOverdue()),
  );
}

export async function mine(s: StaffCtx) {
  const appeals = await s.tx.appeals.list({
    assigneeId: s.staff.id,
    statuses: OPEN_STATUSES,
    order: 'dueAt',
    limit: 200,
  });
  await say(s, s.chatId, listText(s, 'Ваши открытые обращения', appeals, tgTexts.noMine()));
}

export async function stats(s: StaffCtx) {
  const rows = await s.tx.appeals.countByStatusAndSector();
  const byStatus = new Map<string, number>();
  const openBySector = new Map<string, number>();
  for (const r of rows) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.count);
    if (OPEN_STATUSES.includes(r.status as AppealStatus)) {
      openBySector.set(r.sector, (openBySector.get(r.sector) ?? 0) + r.count);
    }
  }
  const name = (code: string) => s.deps.catalogue.byCode(code)?.name ?? code;
  const statusLines = [...byStatus].map(([k, n]) => `${STATUS_NAMES_RU[k as AppealStatus] ?? k}: ${n}`);
  const sectorLines = [...openBySector].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${name(k)}: ${n}`);
  const text = ['Обращения по статусам:', ...statusLines, '', 'Открытые по направлениям:', ...sectorLines];
  await say(s, s.chatId, rows.length ? text.join('\n') : tgTexts.noneFound());
}

function asNumber(s: StaffCtx, query: string): string | null {
  try {
    return parseAppealNumber(query, yearOf(civilDateOf(s.deps.clock.now(), s.deps.settings.timeZone)));
  } catch {
    return null;
  }
}

export async function find(s: StaffCtx, query: string) {
  if (!query) return say(s, s.chatId, tgTexts.staffUsage('/find <текст или номер>'));
  const number = asNumber(s, query);
  const byNumber = number ? await s.tx.appeals.getByNumber(number) : null;
  const found = byNumber ? [byNumber] : await s.tx.appeals.list({ textContains: query, limit: 50 });
  await say(s, s.chatId, listText(s, 'Найдено', found.filter(inScope(s.deps, s.staff)), tgTexts.noneFound()));
}
