/** Prometheus metrics, computed from the database at scrape time so they survive restarts. */
import { Gauge, Registry } from 'prom-client';
import type { Clock, Store } from '../core/ports.ts';

export function createMetrics(store: Store, clock: Clock): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'mcu_appeals',
    help: 'Appeals by status and sector',
    labelNames: ['status', 'sector'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await store.appeals.countByStatusAndSector()) {
        this.set({ status: r.status, sector: r.sector }, r.count);
      }
    },
  });
  const queue = (name: string, help: string, read: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await read());
      },
    });
  const ageSeconds = (at: Date | null) =>
    at ? Math.max(0, (clock.now().getTime() - at.getTime()) / 1000) : 0;
  queue(
    'mcu_inbox_pending',
    'Inbound events waiting to be processed',
    async () => (await store.inbox.stats()).pending,
  );
  queue(
    'mcu_inbox_dead',
    'Inbound events that failed for good',
    async () => (await store.inbox.stats()).dead,
  );
  queue('mcu_inbox_lag_seconds', 'Age of the oldest unprocessed inbound event', async () =>
    ageSeconds((await store.inbox.stats()).oldestPendingAt),
  );
  queue(
    'mcu_outbox_backlog',
    'Outbound messages waiting to be sent',
    async () => (await store.outbox.stats()).pending,
  );
  queue(
    'mcu_outbox_dead',
    'Outbound messages that failed for good',
    async () => (await store.outbox.stats()).dead,
  );
  queue('mcu_outbox_oldest_seconds', 'Age of the oldest unsent outbound message', async () =>
    ageSeconds((await store.outbox.stats()).oldestPendingAt),
  );
  return registry;
}
