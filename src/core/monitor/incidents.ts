/**
 * Monitored posts → incidents, inside the inbox transaction: relevance, grouping, then a new
 * incident appeal (kind 'incident', channel 'monitor') or a join to an open one. Every post is
 * recorded once with its verdict, so it is never examined again.
 */

import { intakeMessages } from '../appeals/intake.ts';
import { OPEN_STATUSES } from '../appeals/lifecycle.ts';
import type { CoreDeps } from '../deps.ts';
import type { Appeal } from '../model.ts';
import { staffCard, toChat } from '../notify.ts';
import type { NewOutboxMessage, Repositories } from '../ports.ts';
import { chooseIncident, GROWTH_MILESTONES, type GroupingSettings, SignatureCache } from './grouping.ts';
import { assessRelevance, type RelevanceSettings } from './relevance.ts';
import { type MonitoredPost, type SeenPost, seenKey } from './types.ts';

export interface MonitorCoreSettings {
  relevance: RelevanceSettings;
  grouping: GroupingSettings;
  /** The community's own wall (`-VK_GROUP_ID`) when the community token is configured: answers go there. */
  ownWallOwnerId: number | null;
}

export type PostOutcome =
  | { post: MonitoredPost; outcome: 'repeat' }
  | { post: MonitoredPost; outcome: 'irrelevant'; reason: string }
  | { post: MonitoredPost; outcome: 'created' | 'joined'; appealId: number; posts: number };

const ANSWERABLE = new Set<string>([...OPEN_STATUSES, 'answered']);

export function isOwnWall(post: Pick<MonitoredPost, 'network' | 'externalId'>, owner: number | null) {
  return owner !== null && post.network === 'vk' && post.externalId.startsWith(`${owner}_`);
}

/** A growing incident is announced again at each milestone, in the chat its card goes to. */
function growthNotice(deps: CoreDeps, appeal: Appeal, count: number): NewOutboxMessage[] {
  const card = staffCard(deps, appeal);
  if (!card) return [];
  if (!GROWTH_MILESTONES.includes(count)) return [card];
  const text = `📈 Инцидент растёт: ${count} публикаций — № ${appeal.number}`;
  return [toChat(card.channel, card.chatId, text, `incident-grows:${appeal.id}:${count}`), card];
}

async function createIncident(deps: CoreDeps, tx: Repositories, post: MonitoredPost): Promise<number> {
  const [result] = await intakeMessages(deps, tx, [
    {
      channel: 'monitor',
      kind: 'incident',
      sender: { externalId: `${post.network}:${post.authorId ?? 'unknown'}`, chatId: post.url },
      text: post.text,
      receivedAt: post.postedAt,
    },
  ]);
  if (result?.status !== 'registered') throw new Error(`monitored post ${post.externalId} was refused`);
  return result.appeal.id;
}

/** The open incident this post belongs to, if any. */
async function findIncident(
  tx: Repositories,
  post: MonitoredPost,
  sector: string,
  places: string[],
  s: GroupingSettings,
  cache: SignatureCache,
): Promise<Appeal | null> {
  const since = new Date(post.postedAt.getTime() - s.windowHours * 3_600_000);
  const candidates = (await tx.monitor.incidentPostsSince(sector, since)).map((p) => ({
    post: p,
    key: seenKey(p.network, p.externalId),
  }));
  const appealId = chooseIncident(post.text, places, candidates, s, cache);
  const appeal = appealId === null ? null : await tx.appeals.get(appealId);
  return appeal && ANSWERABLE.has(appeal.status) ? appeal : null;
}

async function examine(
  deps: CoreDeps,
  tx: Repositories,
  post: MonitoredPost,
  s: MonitorCoreSettings,
  cache: SignatureCache,
): Promise<PostOutcome> {
  const c = deps.classifier.classify(post.text);
  const rel = assessRelevance(post, c, s.relevance);
  const now = deps.clock.now();
  const { local: _local, ...kept } = post;
  const base: SeenPost = {
    ...kept,
    seenAt: now,
    verdict: 'irrelevant',
    reason: rel.relevant ? null : rel.reason,
    sector: c.sector,
    places: rel.places,
    ownWall: isOwnWall(post, s.ownWallOwnerId),
    appealId: null,
  };
  if (!rel.relevant) {
    await tx.monitor.record(base);
    return { post, outcome: 'irrelevant', reason: rel.reason };
  }
  const existing = await findIncident(tx, post, c.sector, rel.places, s.grouping, cache);
  const appealId = existing?.id ?? (await createIncident(deps, tx, post));
  await tx.monitor.record({ ...base, verdict: 'incident', appealId });
  const count = await tx.monitor.countPostsOf(appealId);
  if (existing) await tx.outbox.enqueueMany(growthNotice(deps, existing, count), now);
  return { post, outcome: existing ? 'joined' : 'created', appealId, posts: count };
}

/** `cache`: the candidates' signatures; pass one that outlives the call (the handler keeps one). */
export async function handleMonitoredPosts(
  deps: CoreDeps,
  tx: Repositories,
  posts: MonitoredPost[],
  s: MonitorCoreSettings,
  cache = new SignatureCache(),
): Promise<PostOutcome[]> {
  const seen = await tx.monitor.seenKeys(posts);
  const outcomes: PostOutcome[] = [];
  for (const post of posts) {
    const key = seenKey(post.network, post.externalId);
    if (seen.has(key)) {
      outcomes.push({ post, outcome: 'repeat' });
      continue;
    }
    seen.add(key);
    outcomes.push(await examine(deps, tx, post, s, cache));
  }
  return outcomes;
}
