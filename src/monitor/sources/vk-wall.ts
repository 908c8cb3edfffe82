/**
 * VK community walls (wall.get with the service key, batched into execute by the client). The
 * cursor is the newest post id seen; pinned old posts fall below it and are not taken again.
 */
import type { FetchResult, MonitoredPost, MonitorSource, SourceCursor } from '../../core/monitor/types.ts';
import { SourceError } from '../http.ts';
import type { VkMonitorClient } from '../vk-client.ts';

export interface VkPostItem {
  id: number;
  owner_id: number;
  from_id?: number;
  date: number;
  text?: string;
}

export function vkPostOf(item: VkPostItem, sourceId: string, local: boolean): MonitoredPost {
  return {
    network: 'vk',
    externalId: `${item.owner_id}_${item.id}`,
    url: `https://vk.com/wall${item.owner_id}_${item.id}`,
    authorId: item.from_id !== undefined ? String(item.from_id) : String(item.owner_id),
    text: item.text ?? '',
    postedAt: new Date(item.date * 1000),
    sourceId,
    local,
  };
}

export function isPostItem(v: unknown): v is VkPostItem {
  const o = v as VkPostItem | null;
  return !!o && Number.isSafeInteger(o.id) && Number.isSafeInteger(o.owner_id) && Number.isFinite(o.date);
}

/** `123` and `club123` are the community 123 (owner -123); `-123` is kept; other names go as `domain`. */
export function ownerParams(owner: string): Record<string, string | number> {
  const m = /^(?:club|public)?(-?\d+)$/.exec(owner.trim());
  if (!m) return { domain: owner.trim() };
  const n = Number(m[1]);
  return { owner_id: n > 0 ? -n : n };
}

export interface VkWallOptions {
  id: string;
  owner: string;
  local: boolean;
  intervalMinutes: number;
  client: VkMonitorClient;
}

export function vkWallSource(o: VkWallOptions): MonitorSource {
  async function fetchWall(state: SourceCursor): Promise<FetchResult> {
    const response = (await o.client.wallGet({ ...ownerParams(o.owner), count: 20 })) as { items?: unknown };
    if (!Array.isArray(response?.items)) throw new SourceError('wall.get answered without items');
    const items = response.items.filter(isPostItem);
    const last = state.cursor ? Number(state.cursor) : 0;
    const newest = Math.max(last, ...items.map((i) => i.id));
    return {
      posts: items.filter((i) => i.id > last).map((i) => vkPostOf(i, o.id, o.local)),
      cursor: newest > 0 ? String(newest) : state.cursor,
      pageItems: items.length,
    };
  }
  return { id: o.id, kind: 'vk_wall', intervalMinutes: o.intervalMinutes, fetch: (s) => fetchWall(s) };
}
