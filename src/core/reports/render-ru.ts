/** The digest as the head reads it: plain Russian text, no personal data. */
import type { CoreDeps } from '../deps.ts';
import { formatDateTime } from '../texts-ru.ts';
import type { DigestData } from './digest.ts';
import type { IncidentDigest } from './incidents.ts';

const pct = (x: number) => `${Math.round(x * 100)} %`;

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '±0' : `+${now}`;
  const d = (now - before) / before;
  return `${d >= 0 ? '+' : '−'}${Math.round(Math.abs(d) * 100)} %`;
}

const CHANNELS: Record<string, string> = {
  telegram: 'Telegram',
  vk: 'ВКонтакте',
  max: 'MAX',
  monitor: 'мониторинг соцсетей',
};

export function renderDigestRu(deps: CoreDeps, d: DigestData): string {
  const tz = deps.settings.timeZone;
  const name = (code: string) => deps.catalogue.byCode(code)?.name ?? code;
  const title = d.kind === 'daily' ? 'Ежедневная сводка' : 'Еженедельная аналитическая записка';
  const prevLabel = d.kind === 'daily' ? 'к предыдущим суткам' : 'к прошлой неделе';
  const lines = [
    `${title} — ${deps.settings.municipality}`,
    `Период: ${formatDateTime(d.from, tz)} — ${formatDateTime(d.to, tz)}`,
    '',
    `Поступило: ${d.created} (${change(d.created, d.previous.created)} ${prevLabel})`,
    `Дан ответ: ${d.answered} (${change(d.answered, d.previous.answered)} ${prevLabel})`,
    `Просрочено сейчас: ${d.overdueNow}`,
    `Ответов в срок: ${d.onTimeShare === null ? 'нет ответов за период' : pct(d.onTimeShare)}`,
  ];
  if (d.avg7) {
    lines.push(
      `Среднее за 7 дней: поступало ${tenthRu(d.avg7.created)}, отвечено ${tenthRu(d.avg7.answered)} в сутки`,
    );
  }
  if (d.incidents) lines.push(...incidentLines(d.incidents, prevLabel));
  lines.push('', 'По направлениям (новые / отвечено / просрочено):');
  for (const s of d.bySector) lines.push(`• ${name(s.sector)}: ${s.created} / ${s.answered} / ${s.overdue}`);
  if (d.bySector.length === 0) lines.push('• нет');
  if (d.kind === 'weekly') {
    lines.push(
      '',
      'По источникам:',
      ...listOr(d.bySource.map((s) => `• ${CHANNELS[s.key] ?? s.key}: ${s.count}`)),
    );
    lines.push('', 'Горячие точки:', ...listOr(d.hotSpots.map((s) => `• ${s.key}: ${s.count}`)));
  }
  lines.push(
    '',
    'Главные темы:',
    ...listOr(d.topTopics.map((t) => `• ${t.key}: ${t.count} (${pct(t.share)})`)),
  );
  lines.push(
    '',
    'Просрочено по исполнителям:',
    ...listOr(d.overdueByExecutor.map((e) => `• ${e.key}: ${e.count}`)),
  );
  return lines.join('\n');
}

/** A number to a tenth with the decimal comma a Russian reader expects («0,3», not «0.3»). */
const tenthRu = (x: number): string => x.toFixed(1).replace('.', ',');

/** Durations as a head reads them: minutes under an hour, else hours to a tenth (decimal comma). */
export function hoursRu(h: number): string {
  const minutes = Math.round(h * 60);
  if (minutes < 60) return `${minutes} мин`;
  return `${String(Math.round(h * 10) / 10).replace('.', ',')} ч`;
}

/** The public answers under the posts; the change is shown only where the data has the period before. */
function incidentLines(i: IncidentDigest, prevLabel: string): string[] {
  const limit = hoursRu(i.limitHours);
  const created = i.previous ? ` (${change(i.created, i.previous.created)} ${prevLabel})` : '';
  const lines = [
    '',
    'Инциденты в соцсетях (публичный ответ под публикацией):',
    `• Поступило: ${i.created}${created}`,
    `• С публичным ответом: ${i.answered}`,
  ];
  if (i.medianHours !== null && i.p90Hours !== null) {
    const before = i.previous?.medianHours;
    const median = before ? ` (${change(i.medianHours, before)} ${prevLabel})` : '';
    lines.push(
      `• От публикации до ответа: медиана ${hoursRu(i.medianHours)}${median}, ` +
        `90 % ответов — не позже ${hoursRu(i.p90Hours)}`,
    );
  }
  lines.push(
    `• Ответ позже ${limit}: ${i.answeredLate}`,
    `• Без ответа: ${i.unanswered}, из них дольше ${limit}: ${i.unansweredPastLimit}`,
  );
  if (i.dismissed > 0) lines.push(`• Сняты как спам или дубли: ${i.dismissed}`);
  return lines;
}

function listOr(lines: string[]): string[] {
  return lines.length ? lines : ['• нет'];
}
