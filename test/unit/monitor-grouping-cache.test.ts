import { describe, expect, it } from 'vitest';
import {
  chooseIncident,
  DEFAULT_GROUPING,
  type GroupCandidate,
  SignatureCache,
  signatureOf,
  similarity,
  textVector,
  type Vector,
} from '../../src/core/monitor/grouping.ts';

/** The textbook cosine the signatures must reproduce exactly. */
function cosine(a: Vector, b: Vector): number {
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

const streets = ['мира', 'ленина', 'садовая', 'советская'];
const problems = [
  'прорыв трубы, вода хлещет',
  'огромная яма на дороге, колесо пробил',
  'не вывозят мусор, контейнеры переполнены',
  'отключили свет, света нет второй день',
  'прорыв трубы на дороге, яма с водой',
];

/** Posts like the monitor's: some name a street, some none; several problems, several incidents. */
function candidates(n: number): GroupCandidate[] {
  return Array.from({ length: n }, (_, i) => {
    const street = i % 5 === 0 ? null : streets[i % streets.length]!;
    const text = `${street ? `На улице ${street} ` : ''}${problems[(i * 7) % problems.length]} (${i})`;
    return { post: { text, places: street ? [street] : [], appealId: i % 9 }, key: `vk:${i}` };
  });
}

const newPosts = Array.from({ length: 60 }, (_, i) => {
  const street = i % 4 === 0 ? null : streets[(i * 3) % streets.length]!;
  const text = `${street ? `У нас на ${street} ` : ''}${problems[i % problems.length]}, сколько можно ${i}`;
  return { text, places: street ? [street] : [] };
});

describe('monitor grouping with the signature cache', () => {
  it('when a candidate is compared by its signature, then the score equals the cosine of the vectors', () => {
    for (const a of newPosts)
      for (const c of candidates(20)) {
        const direct = cosine(textVector(a.text), textVector(c.post.text));
        const { norm2 } = signatureOf(a.text);
        expect(similarity(textVector(a.text), norm2, signatureOf(c.post.text))).toBe(direct);
      }
  });

  it('when posts are grouped with the cache, then each joins the same incident as without it', () => {
    const all = candidates(300);
    const roomy = new SignatureCache();
    const tiny = new SignatureCache(25); // evicts all the time: results must still not change
    for (const p of newPosts) {
      const expected = chooseIncident(p.text, p.places, all, DEFAULT_GROUPING);
      expect(chooseIncident(p.text, p.places, all, DEFAULT_GROUPING, roomy)).toBe(expected);
      expect(chooseIncident(p.text, p.places, all, DEFAULT_GROUPING, tiny)).toBe(expected);
    }
    expect(newPosts.some((p) => chooseIncident(p.text, p.places, all, DEFAULT_GROUPING) !== null)).toBe(true);
    expect(roomy.hits).toBeGreaterThan(roomy.misses * 10);
    expect(tiny.size).toBe(25);
  });

  it('when more candidates pass than it holds, then the cache stays at its capacity', () => {
    const cache = new SignatureCache(100);
    for (let round = 0; round < 5; round++)
      for (const c of candidates(1_000)) cache.get(`${c.key}:${round}`, c.post.text);
    expect(cache.size).toBe(100);
  });

  it('when a cached post is edited, then its new text is what it is compared by', () => {
    const cache = new SignatureCache();
    const key = 'tg:city/1';
    const before = [{ post: { text: 'Прорыв трубы, вода хлещет', places: [], appealId: 1 }, key }];
    const after = [
      { post: { text: 'Поздравляем с праздником, концерт вечером', places: [], appealId: 1 }, key },
    ];
    const post = 'Прорыв трубы, вода хлещет по всей улице';
    expect(chooseIncident(post, [], before, DEFAULT_GROUPING, cache)).toBe(1);
    expect(chooseIncident(post, [], after, DEFAULT_GROUPING, cache)).toBeNull();
    expect(chooseIncident(post, [], after, DEFAULT_GROUPING)).toBeNull();
    expect(cache.size).toBe(1);
  });
});
