/**
 * The monitor's core types: what a public source yields (MonitoredPost), the source port the
 * adapters implement, and the repository the store implements. No adapter is imported here.
 */

/** The networks posts come from; a post is unique per network and external id. */
export type MonitorNetwork = 'vk' | 'tg' | 'web';

export type MonitorSourceKind = 'vk_wall' | 'vk_search' | 'tg_channel' | 'rss';

/** A public post as a source yields it: only what incident handling needs (152-ФЗ). */
export interface MonitoredPost {
  network: MonitorNetwork;
  /** Unique within the network: `<owner>_<id>` for VK, `<channel>/<id>` for Telegram, a hash for feeds. */
  externalId: string;
  url: string;
  /** The public author id (VK `from_id`, a channel name); null when the source has none. */
  authorId: string | null;
  text: string;
  postedAt: Date;
  /** The id of the source that yielded the post, and whether that source counts as local. */
  sourceId: string;
  local: boolean;
}

/** What a source remembers between cycles, kept in the database. */
export interface SourceCursor {
  cursor: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchResult {
  /** Posts newer than the cursor. */
  posts: MonitoredPost[];
  cursor: string | null;
  etag?: string | null;
  lastModified?: string | null;
  /** Items the page held before the cursor filtered them: zero means the page (or its markup) is broken. */
  pageItems: number;
  /** 304 Not Modified: nothing new, and nothing wrong. */
  notModified?: boolean;
}

/** A source adapter (src/monitor/sources/*). */
export interface MonitorSource {
  readonly id: string;
  readonly kind: MonitorSourceKind;
  /** Minutes between polls. */
  readonly intervalMinutes: number;
  fetch(state: SourceCursor, signal: AbortSignal): Promise<FetchResult>;
}

export interface SourceState extends SourceCursor {
  id: string;
  kind: string;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  itemsSeen: number;
  badCycles: number;
  badSince: Date | null;
  alertedAt: Date | null;
  nextRunAt: Date | null;
}

export type PostVerdict = 'incident' | 'irrelevant';

/** A post as stored once examined. */
export interface SeenPost {
  network: string;
  externalId: string;
  sourceId: string;
  url: string;
  authorId: string | null;
  text: string;
  postedAt: Date;
  seenAt: Date;
  verdict: PostVerdict;
  reason: string | null;
  sector: string | null;
  /** Lower-cased place names the classifier found. */
  places: string[];
  /** On the municipality's own VK community wall: the answer can go there as a comment. */
  ownWall: boolean;
  appealId: number | null;
}

/** What grouping reads of an earlier incident post: its key, words, places and incident. */
export type IncidentCandidatePost = Pick<SeenPost, 'network' | 'externalId' | 'text' | 'places' | 'appealId'>;

export interface MonitorRepository {
  states(): Promise<SourceState[]>;
  saveState(state: SourceState, at: Date): Promise<void>;
  /** Which of these (network, externalId) pairs were already examined. */
  seenKeys(keys: Array<{ network: string; externalId: string }>): Promise<Set<string>>;
  record(post: SeenPost): Promise<void>;
  /** Posts already joined to an incident in this sector since `since`: the grouping candidates. */
  incidentPostsSince(sector: string, since: Date): Promise<IncidentCandidatePost[]>;
  postsOf(appealId: number): Promise<SeenPost[]>;
  /** How many posts an incident has: its weight (a count, so a growing incident stays cheap). */
  countPostsOf(appealId: number): Promise<number>;
  /** Deletes examined posts that never became incidents, and the monitor's processed inbox rows. */
  purge(before: Date): Promise<{ posts: number; inbox: number }>;
}

export const seenKey = (network: string, externalId: string) => `${network}:${externalId}`;
