import { ru } from './regex.ts';

/** Urgent situations: loss of a vital utility or a danger to life. Patterns on normalised text. */

/**
 * [reason, pattern, loose pattern]. The loose one lacks the Cyrillic word boundaries, so it
 * matches a superset at a fraction of the cost; the exact one runs only when it matched.
 */
const URGENT: Array<[string, RegExp, RegExp]> = (
  [
    ['нет воды', /\b(?:нет|без|отключ\S*)\s+(?:\S+\s+)?вод[аыу]\b/],
    [
      'нет отопления',
      /\b(?:нет|без|отключ\S*)\s+(?:\S+\s+)?(?:отоплени\S*|тепла)\b|батаре\S* (?:ледян|холодн)/,
    ],
    [
      'нет света',
      /\b(?:нет|без|отключ\S*|пропал\S*)\s+(?:\S+\s+)?(?:света|свет|электричеств\S*|электроэнерги\S*)\b/,
    ],
    ['нет газа', /\b(?:нет|без|отключ\S*)\s+(?:\S+\s+)?газа\b/],
    ['прорыв трубы', /\b(?:прорвал\S*|прорыв\S*|лопнул\S*|хлещет|фонтанирует)\b/],
    ['пожар', /\b(?:пожар\S*|горит дом|задымлени\S*)\b/],
    ['обрушение', /\b(?:обрушени\S*|обрушил\S*|рухнул\S*|обвал\S*)\b/],
    ['запах газа', /\b(?:запах\S* газ\S*|пахнет газом|утечк\S* газа)\b/],
    ['оборван провод', /\bпровод\S* (?:лежат|лежит|на земле|оборван\S*)|\bоборван\S* провод/],
  ] as Array<[string, RegExp]>
).map(([reason, re]) => [reason, ru(re), new RegExp(re.source.replaceAll('\\b', ''), re.flags)]);

/** Cheap substring triggers: most texts are not urgent, so most skip the regexes. */
const TRIGGER =
  /нет|без|отключ|пропал|прорв|прорыв|лопнул|хлещ|фонтан|пожар|горит|задым|обруш|рухнул|обвал|газ|провод|батаре/;

/** A substring each pattern needs, so that «нет» alone does not run every (boundary-heavy) regex. */
const CUE: Record<string, string[]> = {
  'нет воды': ['вод'],
  'нет отопления': ['отоплен', 'тепл', 'батаре'],
  'нет света': ['свет', 'электр'],
  'нет газа': ['газа'],
  'запах газа': ['газ'],
  'оборван провод': ['провод'],
  'прорыв трубы': ['прорв', 'прорыв', 'лопнул', 'хлещет', 'фонтанирует'],
  пожар: ['пожар', 'горит дом', 'задымлени'],
  обрушение: ['обруш', 'рухнул', 'обвал'],
};

function hasCue(text: string, reason: string): boolean {
  const cues = CUE[reason];
  return !cues || cues.some((c) => text.includes(c));
}

export function detectUrgency(text: string): string[] {
  const out: string[] = [];
  if (!TRIGGER.test(text)) return out;
  for (const [reason, re, loose] of URGENT) {
    if (hasCue(text, reason) && loose.test(text) && re.test(text)) out.push(reason);
  }
  return out;
}
