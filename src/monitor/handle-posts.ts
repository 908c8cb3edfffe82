/**
 * The monitor's inbox handler: stored posts → relevance → grouping → a new incident or a join. It runs
 * inside the inbox transaction and touches only `tx` (the core's handleMonitoredPosts does the work).
 */
import type { Config } from '../config/load.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { InboxHandler } from '../core/inbox/process-inbox.ts';
import { DEFAULT_GROUPING, SignatureCache } from '../core/monitor/grouping.ts';
import { handleMonitoredPosts, type MonitorCoreSettings } from '../core/monitor/incidents.ts';
import type { MonitoredPost, MonitorNetwork } from '../core/monitor/types.ts';
import type { Logger } from '../logger.ts';

const NETWORKS: ReadonlySet<string> = new Set(['vk', 'tg', 'web']);

/** A stored payload back into a post; anything malformed is dropped (and logged), not retried. */
export function parsePost(payload: unknown): MonitoredPost | null {
  const p = payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return null;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  const postedAt = new Date(str('postedAt') ?? Number.NaN);
  const network = str('network');
  const externalId = str('externalId');
  if (!network || !NETWORKS.has(network) || !externalId || Number.isNaN(postedAt.getTime())) return null;
  return {
    network: network as MonitorNetwork,
    externalId,
    url: str('url') ?? '',
    authorId: str('authorId'),
    text: str('text') ?? '',
    postedAt,
    sourceId: str('sourceId') ?? 'unknown',
    local: p.local === true,
  };
}

export function monitorCoreSettings(config: Config): MonitorCoreSettings {
  const m = config.file.monitor;
  const env = config.env;
  return {
    relevance: m.relevance,
    grouping: { ...DEFAULT_GROUPING, windowHours: m.groupingWindowHours },
    ownWallOwnerId: env.VK_GROUP_TOKEN && env.VK_GROUP_ID ? -Number(env.VK_GROUP_ID) : null,
  };
}

/** `signatures`: kept across batches, so a candidate post is vectorised once in its window (a bench reads it). */
export function createMonitorInboxHandler(
  deps: CoreDeps,
  s: MonitorCoreSettings,
  log: Logger,
  signatures = new SignatureCache(),
): InboxHandler {
  return async (events, tx) => {
    const posts: MonitoredPost[] = [];
    for (const e of events) {
      const post = parsePost(e.payload);
      if (post) posts.push(post);
      else log.warn({ inboxId: e.id }, 'monitor: malformed post ignored');
    }
    const outcomes = await handleMonitoredPosts(deps, tx, posts, s, signatures);
    for (const o of outcomes) {
      if (o.outcome === 'created' || o.outcome === 'joined')
        log.info(
          { post: o.post.url, appealId: o.appealId, posts: o.posts },
          `monitor: incident ${o.outcome}`,
        );
    }
  };
}
