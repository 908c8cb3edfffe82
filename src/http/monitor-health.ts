/** The monitor's health, read from the database (so it survives restarts): /healthz and /metrics. */
import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../core/ports.ts';

export async function monitorHealth(store: Store) {
  const states = await store.monitor.states();
  if (states.length === 0) return undefined;
  return {
    sources: states.map((s) => ({
      id: s.id,
      kind: s.kind,
      lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
      lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
      lastError: s.lastError,
      itemsSeen: s.itemsSeen,
      badCycles: s.badCycles,
    })),
  };
}

export function registerMonitorMetrics(registry: Registry, store: Store): void {
  const gauge = (
    name: string,
    help: string,
    read: (s: Awaited<ReturnType<Store['monitor']['states']>>[number]) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await store.monitor.states()) this.set({ source: s.id }, read(s));
      },
    });
  gauge('mcu_monitor_items_seen', 'Posts a monitored source has yielded', (s) => s.itemsSeen);
  gauge('mcu_monitor_last_success_seconds', 'Unix time of the last successful fetch', (s) =>
    s.lastSuccessAt ? s.lastSuccessAt.getTime() / 1000 : 0,
  );
  gauge('mcu_monitor_last_error_seconds', 'Unix time of the last failed fetch', (s) =>
    s.lastErrorAt ? s.lastErrorAt.getTime() / 1000 : 0,
  );
  gauge('mcu_monitor_bad_cycles', 'Consecutive cycles that failed or came back empty', (s) => s.badCycles);
}
