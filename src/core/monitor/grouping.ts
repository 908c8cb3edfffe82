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

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export interface GroupCandidate {
  post: Pick<SeenPost, 'text' | 'places' | 'appealId'>;
  vector?: Vector;
}

/** The incident (appeal id) the post should join, or null for a new incident. */
export function chooseIncident(
  text: string,
  places: string[],
  candidates: GroupCandidate[],
  s: GroupingSettings,
): number | null {
  const vector = textVector(text);
  let best: { appealId: number; score: number } | null = null;
  for (const c of candidates) {
    if (c.post.appealId === null) continue;
    const shared = places.some((p) => c.post.places.includes(p));
    // Two different named places are two problems, however alike the words.
    if (!shared && places.length > 0 && c.post.places.length > 0) continue;
    const score = cosine(vector, c.vector ?? textVector(c.post.text));
    const bar = shared ? s.similarityWithPlace : s.similarity;
    if (score >= bar && (!best || score > best.score)) best = { appealId: c.post.appealId, score };
  }
  return best?.appealId ?? null;
}
