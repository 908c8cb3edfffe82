/** The monitor's tables: per-source cursors and health, and the posts it examined. */
import type { MonitorRepository, PostVerdict, SeenPost, SourceState } from '../../core/monitor/types.ts';
import { seenKey } from '../../core/monitor/types.ts';
import type { Prisma } from '../generated/client.ts';
import type { Client } from './client.ts';

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
    places: r.places ? r.places.split('|') : [],
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
      if (keys.length === 0) return new Set();
      const rows = await db.monitoredPost.findMany({
        where: { OR: keys.map((k) => ({ network: k.network, externalId: k.externalId })) },
        select: { network: true, externalId: true },
      });
      return new Set(rows.map((r) => seenKey(r.network, r.externalId)));
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
      const rows = await db.monitoredPost.findMany({
        where: { sector, verdict: 'incident', appealId: { not: null }, postedAt: { gte: since } },
        orderBy: { id: 'desc' },
        take: 500,
      });
      return rows.map(toPost);
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
