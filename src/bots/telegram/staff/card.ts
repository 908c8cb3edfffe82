/**
 * The staff card: everything an executor needs to act, with the action buttons. The resident's phone
 * appears here (staff view) and nowhere else. The text starts with «Обращение № …» so that a staff
 * reply to the card can be traced back to its appeal.
 */
import { isOpen, STATUS_NAMES_RU } from '../../../core/appeals/lifecycle.ts';
import type { CoreDeps } from '../../../core/deps.ts';
import type { Appeal, AppealEvent } from '../../../core/model.ts';
import type { Repositories } from '../../../core/ports.ts';
import { type Button, formatDateTime } from '../../../core/texts-ru.ts';
import { incidentCard } from './incident-card.ts';

/** Telegram's limit is 4096; the appeal text is cut well before, the header must survive. */
const MAX_BODY = 3000;
const MAX_QUOTE = 400;

const CHANNEL_NAMES: Record<string, string> = {
  telegram: 'Telegram',
  vk: 'ВКонтакте',
  max: 'MAX',
  monitor: 'мониторинг соцсетей',
  cli: 'вручную',
};

const ATTACHMENT_NAMES: Record<string, string> = {
  photo: 'фото',
  document: 'документ',
  location: 'геопозиция',
  contact: 'контакт',
  video: 'видео',
  audio: 'аудио',
  link: 'ссылка',
};

export const CARD_HEADER = /^(?:\S+\s+)?Обращение № (\d{4}-\d{1,9})/;

export function cardButtons(appeal: Appeal): Button[][] {
  if (!isOpen(appeal.status)) return [];
  const id = appeal.id;
  return [
    [
      { id: `take:${id}`, label: 'Взять' },
      { id: `pass:${id}`, label: 'Передать' },
    ],
    [
      { id: `ask:${id}`, label: 'Уточнить' },
      { id: `reply:${id}`, label: 'Ответить' },
    ],
    [
      { id: `spam:${id}`, label: 'Спам' },
      { id: `dup:${id}`, label: 'Дубль' },
    ],
  ];
}

function lastText(events: AppealEvent[], type: AppealEvent['type']): string | null {
  const e = events.filter((x) => x.type === type).at(-1);
  const text = e?.data?.text ?? e?.data?.question;
  return typeof text === 'string' && text ? text.slice(0, MAX_QUOTE) : null;
}

async function details(deps: CoreDeps, tx: Repositories, appeal: Appeal): Promise<string[]> {
  const tz = deps.settings.timeZone;
  const resident = appeal.residentId ? await tx.residents.get(appeal.residentId) : null;
  const assignee = appeal.assigneeId ? await tx.staff.get(appeal.assigneeId) : null;
  const attachments = await tx.appeals.attachments(appeal.id);
  const counts = new Map<string, number>();
  for (const a of attachments) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const place = [appeal.address, appeal.settlement].filter(Boolean).join(', ');
  const geo = appeal.latitude !== null ? `геопозиция ${appeal.latitude}, ${appeal.longitude}` : '';
  const zone = tz === 'Europe/Moscow' ? 'МСК' : tz;
  return [
    `Статус: ${STATUS_NAMES_RU[appeal.status]}`,
    `Направление: ${deps.catalogue.byCode(appeal.sector)?.name ?? appeal.sector}`,
    `Срочность: ${appeal.urgent ? 'срочно' : 'обычная'}`,
    `Срок ответа: до ${formatDateTime(appeal.dueAt, tz)} (${zone})`,
    `Канал: ${CHANNEL_NAMES[appeal.channel] ?? appeal.channel}`,
    `Исполнитель: ${assignee?.name ?? appeal.assigneeId ?? 'не назначен'}`,
    ...(resident
      ? [`Житель: ${resident.name ?? 'без имени'}${resident.phone ? `, тел. ${resident.phone}` : ''}`]
      : []),
    ...(place || geo ? [`Место: ${[place, geo].filter(Boolean).join('; ')}`] : []),
    ...(counts.size
      ? [`Вложения: ${[...counts].map(([k, n]) => `${ATTACHMENT_NAMES[k] ?? k} ${n}`).join(', ')}`]
      : []),
  ];
}

export async function renderStaffCard(
  deps: CoreDeps,
  tx: Repositories,
  appealId: number,
): Promise<{ text: string; buttons: Button[][] }> {
  const appeal = await tx.appeals.get(appealId);
  if (!appeal) return { text: `Обращение #${appealId} не найдено`, buttons: [] };
  const events = await tx.appeals.events(appeal.id);
  const body = appeal.text.length > MAX_BODY ? `${appeal.text.slice(0, MAX_BODY)}…` : appeal.text;
  const question = lastText(events, 'question');
  const reply = lastText(events, 'resident_reply');
  const lines = [
    `${appeal.urgent ? '🔴 ' : ''}Обращение № ${appeal.number}`,
    ...(await details(deps, tx, appeal)),
    '',
    body,
    ...(question ? ['', `Вопрос жителю: ${question}`] : []),
    ...(reply ? [`Ответ жителя: ${reply}`] : []),
  ];
  // Incidents from the monitor: the post links, where the answer goes, «Ответ опубликован».
  const incident = await incidentCard(deps, tx, appeal, events);
  lines.push(...incident.lines);
  return { text: lines.join('\n'), buttons: [...cardButtons(appeal), ...incident.buttons] };
}
