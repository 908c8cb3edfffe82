import { ru } from './regex.ts';

/** Spam, advertising and abuse: such texts are not routed but go to manual triage. */

const ADVERT = ru(
  /\b(?:заработ\S* (?:от|до|в день)|доход от|без вложений|казино|ставки на спорт|кредит без|займ\S* онлайн|скидк\S* \d+|акци[яи] только|подпишись|переходи по ссылке|пиши в лс|пишите в лс|в директ|промокод|крипт\S*|инвестици\S* с доходом)/,
);
// Obscene stems: only to flag abuse for a human, the text is kept intact.
const ABUSE = ru(/\b(?:ху[йеияю]\S*|пизд\S*|еба\S*|ебл\S*|бля\S*|сук[аи]\b|мудак\S*|уебк\S*|пидор\S*)/);

/** The same alternatives without the Cyrillic word boundaries, which are ~10× dearer: a pre-check. */
const MAYBE_ADVERT =
  /заработ|доход от|без вложений|казино|ставки на спорт|кредит без|займ|скидк|акци[яи] только|подпишись|переходи по|пиши(?:те)? в лс|в директ|промокод|крипт|инвестици/;
const MAYBE_ABUSE = /ху[йеияю]|пизд|еба|ебл|бля|сук[аи]|мудак|уебк|пидор/;

export interface SpamVerdict {
  spam: boolean;
  reasons: string[];
}

export function detectSpam(text: string, urls: number): SpamVerdict {
  const reasons: string[] = [];
  if (MAYBE_ADVERT.test(text) && ADVERT.test(text)) reasons.push('реклама');
  if (urls >= 2 || (urls >= 1 && text.length < 15)) reasons.push('ссылки');
  if (MAYBE_ABUSE.test(text) && ABUSE.test(text)) reasons.push('нецензурная брань');
  // A complaint with a swear word is still a complaint; only abuse with no substance is spam.
  const spam =
    reasons.includes('реклама') || reasons.includes('ссылки') || (reasons.length > 0 && text.length < 60);
  return { spam, reasons };
}
