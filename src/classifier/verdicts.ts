/** Results for texts the pipeline refuses to route: empty, binary, enormous, spam. */
import type { Classification, PlaceMentions } from '../core/classification.ts';
import { FALLBACK_SECTOR } from '../core/sectors.ts';

/** Longer texts are not appeals but pasted documents or attacks; a human looks at them. */
export const MAX_TEXT_CHARS = 20_000;

export const noPlaces = (): PlaceMentions => ({ settlements: [], streets: [], organisations: [] });

export function refused(
  reason: string,
  modelVersion: string,
  extra: Partial<Classification> = {},
): Classification {
  return {
    sector: FALLBACK_SECTOR,
    confidence: 0,
    decidedBy: 'none',
    needsTriage: true,
    urgent: false,
    urgentReasons: [],
    spam: false,
    spamReasons: [],
    places: noPlaces(),
    explain: { rules: [], features: [], reason },
    modelVersion,
    ...extra,
  };
}

/** Why a raw input cannot be classified, or undefined when it can. */
export function inputProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'not a text';
  if (text.trim() === '') return 'empty text';
  if (text.length > MAX_TEXT_CHARS) return `text too long (${text.length} > ${MAX_TEXT_CHARS} characters)`;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) bad++;
  }
  if (bad > 0 && bad / text.length > 0.05) return 'binary or garbled text';
  return undefined;
}
