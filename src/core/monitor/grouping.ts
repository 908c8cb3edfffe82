/**
 * Grouping: posts about the same problem within the window join one incident, whatever network
 * they came from. Same sector, same place where both name one, similar text (cosine over word stems).
 */
import type { SeenPost } from './types.ts';

export interface GroupingSettings {
  windowHours: number;
  /** Cosine similarity that joins posts naming no common place. */
  similarity: number;
  /** Lower bar when both posts name the same place. */
  similarityWithPlace: number;
}

export const DEFAULT_GROUPING: GroupingSettings = {
  windowHours: 72,
  similarity: 0.4,
  similarityWithPlace: 0.12,
};

/** Growth milestones at which a growing incident is announced again. */
export const GROWTH_MILESTONES = [3, 5, 10, 20, 50];

export type Vector = Map<string, number>;

/** Word stems (first five letters) with counts: a cheap stand-in for Russian stemming. */
export function textVector(text: string): Vector {
  const v: Vector = new Map();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 3) continue;
    const stem = w.slice(0, 5);
    v.set(stem, (v.get(stem) ?? 0) + 1);
  }
  return v;
}

/** Σ count²: the vector's squared length, the denominator's half of the cosine. */
function squaredNorm(v: Vector): number {
  let n = 0;
  for (const x of v.values()) n += x * x;
  return n;
}

/**
 * What a candidate is compared by: its stems and counts, and the squared norm. Counts are small
 * integers, so every sum below is exact in any order: the score equals the textbook cosine bit for bit.
 */
export interface Signature {
  stems: string[];
  counts: number[];
  norm2: number;
}

export function signatureOf(text: string): Signature {
  const v = textVector(text);
  return { stems: [...v.keys()], counts: [...v.values()], norm2: squaredNorm(v) };
}

/** The cosine of `a` and `b`'s vector; `aNorm2` is computed once per new post, `b`'s once per candidate. */
export function similarity(a: Vector, aNorm2: number, b: Signature): number {
  let dot = 0;
  for (let i = 0; i < b.stems.length; i++) {
    const x = a.get(b.stems[i]!);
    if (x) dot += x * b.counts[i]!;
  }
  return aNorm2 && b.norm2 ? dot / Math.sqrt(aNorm2 * b.norm2) : 0;
}

/**
 * Enough for every sector's candidates at once (the store returns up to 500 per sector, 12 sectors);
 * an entry is about 0.85 KB (its text and stems), so a full cache is about 5 MB of heap.
 */
export const SIGNATURE_CACHE_SIZE = 6_000;

/**
 * Candidates' signatures by post key, least recently used first. A candidate stays one for the whole
 * window and is compared with every new post of its sector: it is vectorised once, not once per new
 * post. The text is kept so that an edited post is vectorised again; the bound keeps memory flat.
 */
export class SignatureCache {
  private readonly entries = new Map<string, { text: string; signature: Signature }>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = SIGNATURE_CACHE_SIZE) {}

  get size() {
    return this.entries.size;
  }

  get(key: string, text: string): Signature {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (entry && entry.text === text) {
      this.hits += 1;
      this.entries.set(key, entry);
      return entry.signature;
    }
    this.misses += 1;
    const signature = signatureOf(text);
    this.entries.set(key, { text, signature });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return signature;
  }
}

export interface GroupCandidate {
  post: Pick<SeenPost, 'text' | 'places' | 'appealId'>;
  /** The post's key (`seenKey`): with a cache, its signature is looked up there. */
  key?: string;
}

/** The incident (appeal id) the post should join, or null for a new incident. */
export function chooseIncident(
  text: string,
  places: string[],
  candidates: GroupCandidate[],
  s: GroupingSettings,
  cache?: SignatureCache,
): number | null {
  const vector = textVector(text);
  const norm2 = squaredNorm(vector);
  let best: { appealId: number; score: number } | null = null;
  for (const c of candidates) {
    if (c.post.appealId === null) continue;
    const shared = places.some((p) => c.post.places.includes(p));
    // Two different named places are two problems, however alike the words.
    if (!shared && places.length > 0 && c.post.places.length > 0) continue;
    const signature = cache && c.key !== undefined ? cache.get(c.key, c.post.text) : signatureOf(c.post.text);
    const score = similarity(vector, norm2, signature);
    const bar = shared ? s.similarityWithPlace : s.similarity;
    if (score >= bar && (!best || score > best.score)) best = { appealId: c.post.appealId, score };
  }
  return best?.appealId ?? null;
}
