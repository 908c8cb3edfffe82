/** VK keyword search (newsfeed.search with the service key). The cursor is the newest post date seen. */
import type { FetchResult, MonitorSource, SourceCursor } from '../../core/monitor/types.ts';
import { SourceError } from '../http.ts';
import type { VkMonitorClient } from '../vk-client.ts';
import { isPostItem, vkPostOf } from './vk-wall.ts';

export interface VkSearchOptions {
  id: string;
  query: string;
  local: boolean;
  intervalMinutes: number;
  client: VkMonitorClient;
}

export function vkSearchSource(o: VkSearchOptions): MonitorSource {
  async function search(state: SourceCursor, signal: AbortSignal): Promise<FetchResult> {
    const since = state.cursor ? Number(state.cursor) : 0;
    const params = { q: o.query, count: 100, ...(since ? { start_time: since + 1 } : {}) };
    const response = (await o.client.call('newsfeed.search', params, signal)) as { items?: unknown };
    if (!Array.isArray(response?.items)) throw new SourceError('newsfeed.search answered without items');
    const items = response.items.filter(isPostItem);
    const newest = Math.max(since, ...items.map((i) => i.date));
    return {
      posts: items.filter((i) => i.date > since).map((i) => vkPostOf(i, o.id, o.local)),
      cursor: newest > 0 ? String(newest) : state.cursor,
      // A search with nothing new since the cursor is normal, not a broken source.
      pageItems: since ? Math.max(1, items.length) : items.length,
    };
  }
  return { id: o.id, kind: 'vk_search', intervalMinutes: o.intervalMinutes, fetch: search };
}
