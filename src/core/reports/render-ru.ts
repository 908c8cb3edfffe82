/** The digest as the head reads it: plain Russian text, no personal data. */
import type { CoreDeps } from '../deps.ts';
import { formatDateTime } from '../texts-ru.ts';
import type { DigestData } from './digest.ts';

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
      `Среднее за 7 дней: поступало ${d.avg7.created.toFixed(1)}, отвечено ${d.avg7.answered.toFixed(1)} в сутки`,
    );
  }
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

function listOr(lines: string[]): string[] {
  return lines.length ? lines : ['• нет'];
}
