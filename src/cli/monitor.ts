/**
 * `mcu monitor once`: one cycle over every configured source, ignoring backoff. New posts are stored
 * in the inbox for the service to turn into incidents; the output shows each source and, per post,
 * the verdict relevance would give it now.
 */
import { loadConfig } from '../config/load.ts';
import { assessRelevance } from '../core/monitor/relevance.ts';
import { systemClock } from '../core/ports.ts';
import { createLogger } from '../logger.ts';
import { buildCoreDeps } from '../main.ts';
import { buildSources } from '../monitor/build-sources.ts';
import { monitorCoreSettings } from '../monitor/handle-posts.ts';
import { runCycle } from '../monitor/run-cycle.ts';
import { createStore } from '../store/create-store.ts';

const STATUS_RU = {
  ok: 'ок',
  not_modified: 'без изменений (304)',
  empty: 'пусто',
  error: 'ошибка',
  skipped: 'пропущен',
};

export async function monitorOnceCommand(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL === 'info' ? 'warn' : config.env.LOG_LEVEL);
  const store = await createStore({ url: config.env.DATABASE_URL });
  try {
    const deps = await buildCoreDeps(config, store, logger, systemClock);
    const sources = buildSources(config, { now: () => deps.clock.now() });
    if (sources.length === 0) {
      process.stdout.write(
        'No monitor sources configured (monitor.sources in mcu.yaml or MONITOR_* variables).\n',
      );
      return 0;
    }
    const m = config.file.monitor;
    const cycle = { alertAfterCycles: m.alertAfterCycles, maxAgeHours: m.groupingWindowHours, force: true };
    const reports = await runCycle(deps, sources, cycle, logger);
    const relevance = monitorCoreSettings(config).relevance;
    let incidents = 0;
    for (const r of reports) {
      const status = STATUS_RU[r.status] + (r.error ? `: ${r.error}` : '');
      process.stdout.write(
        `${r.id} [${r.kind}] ${status}; новых публикаций: ${r.posts.length}, сохранено: ${r.stored}\n`,
      );
      for (const p of r.posts) {
        const v = assessRelevance(p, deps.classifier.classify(p.text), relevance);
        if (v.relevant) incidents += 1;
        const verdict = v.relevant ? 'инцидент' : `не инцидент (${v.reason})`;
        process.stdout.write(
          `  ${p.postedAt.toISOString()} ${p.url} — ${verdict}: ${p.text.slice(0, 80).replace(/\s+/g, ' ')}\n`,
        );
      }
    }
    const failed = reports.filter((r) => r.status === 'error').map((r) => r.id);
    const found = reports.reduce((n, r) => n + r.posts.length, 0);
    process.stdout.write(
      `Итого: источников ${reports.length}, новых публикаций ${found}, похожих на инциденты ${incidents}` +
        `; с ошибкой: ${failed.length ? failed.join(', ') : 'нет'}\n`,
    );
    // A broken source is a finding, not a failed command: it is named above and the others still ran.
    return 0;
  } finally {
    await store.close();
  }
}
