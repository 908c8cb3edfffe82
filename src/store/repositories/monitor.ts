/** The monitor's tables: per-source cursors and health, and the posts it examined. */
import type { MonitorRepository, PostVerdict, SeenPost, SourceState } from '../../core/monitor/types.ts';
import { seenKey } from '../../core/monitor/types.ts';
import type { Prisma } from '../generated/client.ts';
import type { Client } from './client.ts';

const SEEN_CHUNK = 500;
const splitPlaces = (places: string | null): string[] => (places ? places.split('|') : []);

function groupByNetwork(keys: Array<{ network: string; externalId: string }>): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const k of keys) {
    const ids = by.get(k.network) ?? [];
    ids.push(k.externalId);
    by.set(k.network, ids);
  }
  return by;
}

function toPost(r: Prisma.MonitoredPostModel): SeenPost {
  return {
    network: r.network,
    externalId: r.externalId,
    sourceId: r.sourceId,
    url: r.url,
    authorId: r.authorId,
    text: r.text,
    postedAt: r.postedAt,
    seenAt: r.seenAt,
    verdict: r.verdict as PostVerdict,
    reason: r.reason,
    sector: r.sector,
    places: splitPlaces(r.places),
    ownWall: r.ownWall,
    appealId: r.appealId,
  };
}

function toState(r: Prisma.MonitorSourceStateModel): SourceState {
  const { updatedAt: _updatedAt, ...rest } = r;
  return rest;
}

export function monitorRepository(db: Client): MonitorRepository {
  return {
    async states() {
      return (await db.monitorSourceState.findMany({ orderBy: { id: 'asc' } })).map(toState);
    },
    async saveState(state, at) {
      const data = { ...state, updatedAt: at };
      await db.monitorSourceState.upsert({ where: { id: state.id }, create: data, update: data });
    },
    async seenKeys(keys) {
      // One `in` list per network, not an OR of pairs: Prisma caches a query plan per query shape,
      // and an OR of N pairs is a new shape for every N (its plan cache grew without bound).
      const seen = new Set<string>();
      for (const [network, ids] of groupByNetwork(keys)) {
        for (let i = 0; i < ids.length; i += SEEN_CHUNK) {
          const rows = await db.monitoredPost.findMany({
            where: { network, externalId: { in: ids.slice(i, i + SEEN_CHUNK) } },
            select: { externalId: true },
          });
          for (const r of rows) seen.add(seenKey(network, r.externalId));
        }
      }
      return seen;
    },
    async record(post) {
      // A replayed inbox batch records the same post again: keep the first verdict.
      const data = { ...post, places: post.places.join('|') || null };
      await db.monitoredPost.upsert({
        where: { network_externalId: { network: post.network, externalId: post.externalId } },
        create: data,
        update: {},
      });
    },
    async incidentPostsSince(sector, since) {
      // Read for every new post: only the columns grouping compares, not whole rows.
      const rows = await db.monitoredPost.findMany({
        where: { sector, verdict: 'incident', appealId: { not: null }, postedAt: { gte: since } },
        select: { network: true, externalId: true, text: true, places: true, appealId: true },
        orderBy: { id: 'desc' },
        take: 500,
      });
      return rows.map((r) => ({ ...r, places: splitPlaces(r.places) }));
    },
    async postsOf(appealId) {
      return (await db.monitoredPost.findMany({ where: { appealId }, orderBy: { postedAt: 'asc' } })).map(
        toPost,
      );
    },
    countPostsOf: (appealId) => db.monitoredPost.count({ where: { appealId } }),
    async purge(before) {
      const posts = await db.monitoredPost.deleteMany({
        where: { appealId: null, seenAt: { lt: before } },
      });
      // The raw posts also sit in the inbox; once processed they are no longer needed.
      const inbox = await db.inboxEvent.deleteMany({
        where: { channel: 'monitor', status: 'done', receivedAt: { lt: before } },
      });
      return { posts: posts.count, inbox: inbox.count };
    },
  };
}
