/**
 * The monitor as a channel adapter: the scheduler fetches public posts into the inbox (channel
 * 'monitor'), the inbox handler turns them into incidents. It sends nothing itself: staff cards go
 * through Telegram, wall comments through VK.
 */
import type { ChannelAdapter } from '../core/ports.ts';
import type { AdapterContext } from '../main.ts';
import { buildSources } from './build-sources.ts';
import { createMonitorInboxHandler, monitorCoreSettings } from './handle-posts.ts';
import { MONITOR_CHANNEL } from './run-cycle.ts';
import { startMonitorScheduler } from './scheduler.ts';

export function monitorConfigured(ctx: Pick<AdapterContext, 'config'>): boolean {
  const { config } = ctx;
  const env = config.env;
  return (
    config.file.monitor.sources.length > 0 ||
    env.MONITOR_VK_OWNERS.length + env.MONITOR_VK_QUERIES.length > 0 ||
    env.MONITOR_TG_CHANNELS.length + env.MONITOR_RSS_URLS.length > 0
  );
}

export function createMonitorAdapter(ctx: AdapterContext): ChannelAdapter {
  const log = ctx.logger.child({ component: 'monitor' });
  const m = ctx.config.file.monitor;
  const sources = buildSources(ctx.config, { now: () => ctx.deps.clock.now() });
  let scheduler: ReturnType<typeof startMonitorScheduler> | null = null;
  return {
    name: MONITOR_CHANNEL,
    inboxHandler: createMonitorInboxHandler(ctx.deps, monitorCoreSettings(ctx.config), log),
    async start() {
      scheduler = startMonitorScheduler(
        ctx.deps,
        {
          sources,
          retentionDays: m.retentionDays,
          cycle: { alertAfterCycles: m.alertAfterCycles, maxAgeHours: m.groupingWindowHours },
        },
        log,
        () => {
          ctx.activity.touch(MONITOR_CHANNEL);
          ctx.wake();
        },
      );
      log.info({ sources: sources.length }, 'monitor started');
    },
    async stop() {
      await scheduler?.stop();
    },
  };
}
