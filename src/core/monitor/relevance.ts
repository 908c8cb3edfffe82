/**
 * Relevance: a post becomes an incident only when it concerns the municipality and describes a
 * problem. Pure: the classification comes in, a verdict with its reason goes out.
 */
import type { Classification } from '../classification.ts';
import type { MonitoredPost } from './types.ts';

export interface RelevanceSettings {
  /** The classifier's confidence a problem sector needs. */
  minConfidence: number;
  /** Extra words that count as a mention of the municipality (its name, district names…). */
  keywords: string[];
  /** Complaint words; the default lexicon when empty. */
  complaintWords: string[];
}

/** Words and phrases residents use when something is wrong (stems, matched inside words). */
export const COMPLAINT_LEXICON = [
  'нет ',
  'не работа',
  'авари',
  'яма',
  'ямы',
  'жалоб',
  'сколько можно',
  'прорыв',
  'отключ',
  'не вывоз',
  'не убира',
  'сломал',
  'разбит',
  'затопил',
  'течёт',
  'течет',
  'опасн',
  'невозможно',
  'безобраз',
  'никто не',
  'до сих пор',
  'опять',
  'снова',
  'переполнен',
  'без света',
  'без воды',
  'холодн',
  'помогите',
];

export const DEFAULT_RELEVANCE: RelevanceSettings = { minConfidence: 0.4, keywords: [], complaintWords: [] };

export type Relevance =
  | { relevant: true; places: string[] }
  | { relevant: false; reason: string; places: string[] };

/** Letters or digits that make a post more than emoji, links and punctuation. */
export function meaningfulText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function placesOf(c: Classification): string[] {
  const p = c.places;
  return [...p.settlements, ...p.streets, ...p.organisations].map((x) => x.toLowerCase());
}

export function assessRelevance(
  post: Pick<MonitoredPost, 'text' | 'local'>,
  c: Classification,
  s: RelevanceSettings,
): Relevance {
  const places = placesOf(c);
  const lower = ` ${post.text.toLowerCase().replace(/\s+/g, ' ')} `;
  const no = (reason: string): Relevance => ({ relevant: false, reason, places });
  if (meaningfulText(post.text).length < 3) return no('no_text');
  if (c.spam) return no('spam');
  const mentioned = places.length > 0 || s.keywords.some((k) => lower.includes(k.toLowerCase()));
  if (!post.local && !mentioned) return no('not_local');
  if (c.sector === 'other') return no('no_problem_sector');
  if (c.confidence < s.minConfidence) return no('low_confidence');
  const words = s.complaintWords.length ? s.complaintWords : COMPLAINT_LEXICON;
  const complaint = c.urgent || words.some((w) => lower.includes(w));
  if (!complaint) return no('no_complaint');
  return { relevant: true, places };
}
