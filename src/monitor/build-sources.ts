/** The configured sources (the `monitor:` section plus the quick-start environment lists) as adapters. */
import type { Config } from '../config/load.ts';
import type { MonitorSourceConfig } from '../config/monitor.ts';
import type { MonitorSource } from '../core/monitor/types.ts';
import { rssSource } from './sources/rss.ts';
import { tgChannelSource } from './sources/tg-channel.ts';
import { vkSearchSource } from './sources/vk-search.ts';
import { vkWallSource } from './sources/vk-wall.ts';
import { createVkMonitorClient, type VkMonitorClient } from './vk-client.ts';

export function sourceConfigs(config: Config): MonitorSourceConfig[] {
  const env = config.env;
  const interval = 5;
  return [
    ...config.file.monitor.sources,
    ...env.MONITOR_VK_OWNERS.map((owner) => ({ kind: 'vk_wall' as const, owner, interval, local: true })),
    ...env.MONITOR_VK_QUERIES.map((query) => ({ kind: 'vk_search' as const, query, interval, local: false })),
    ...env.MONITOR_TG_CHANNELS.map((channel) => ({
      kind: 'tg_channel' as const,
      channel,
      interval,
      local: false,
    })),
    ...env.MONITOR_RSS_URLS.map((url) => ({ kind: 'rss' as const, url, interval, local: false })),
  ];
}

export function sourceIdOf(s: MonitorSourceConfig): string {
  if (s.id) return s.id;
  if (s.kind === 'vk_wall') return `vk_wall:${s.owner}`;
  if (s.kind === 'vk_search') return `vk_search:${s.query}`;
  if (s.kind === 'tg_channel') return `tg:${s.channel.replace(/^@/, '')}`;
  return `rss:${s.url}`;
}

export interface BuildOptions {
  now: () => Date;
  /** Tests and the bench pass their own client (rate, batch size). */
  vkClient?: VkMonitorClient;
}

export function buildSources(config: Config, o: BuildOptions): MonitorSource[] {
  const env = config.env;
  const maxBytes = config.file.monitor.maxPageBytes;
  const token = env.VK_SERVICE_TOKEN;
  const vk = o.vkClient ?? (token ? createVkMonitorClient({ baseUrl: env.VK_API_BASE_URL, token }) : null);
  const seen = new Set<string>();
  const sources: MonitorSource[] = [];
  for (const s of sourceConfigs(config)) {
    const id = sourceIdOf(s);
    if (seen.has(id)) continue; // the same source in the file and the environment
    seen.add(id);
    const common = { id, local: s.local, intervalMinutes: s.interval };
    if (s.kind === 'rss') sources.push(rssSource({ ...common, url: s.url, maxBytes, now: o.now }));
    else if (s.kind === 'tg_channel')
      sources.push(
        tgChannelSource({
          ...common,
          channel: s.channel,
          baseUrl: env.MONITOR_TG_BASE_URL,
          maxBytes,
          now: o.now,
        }),
      );
    else if (vk && s.kind === 'vk_wall')
      sources.push(vkWallSource({ ...common, owner: s.owner, client: vk }));
    else if (vk && s.kind === 'vk_search')
      sources.push(vkSearchSource({ ...common, query: s.query, client: vk }));
  }
  return sources;
}
