/** One text → everything the rules and the model look at. Shared by training and classifying. */
import { extractFeatures, type FeatureCounts, type Tokens, tokenise } from './features.ts';
import { type NormalisedText, normalise } from './normalise.ts';
import { transliterate } from './translit.ts';

export interface AnalysedText {
  norm: NormalisedText;
  tokens: Tokens;
  counts: FeatureCounts;
}

/** Texts longer than this are cut: the first part of an appeal says what it is about. */
export const MAX_ANALYSED_CHARS = 4000;

export function analyse(raw: string): AnalysedText {
  const norm = normalise(raw.slice(0, MAX_ANALYSED_CHARS * 2));
  norm.text = transliterate(norm.text).slice(0, MAX_ANALYSED_CHARS);
  const tokens = tokenise(norm.text);
  return { norm, tokens, counts: extractFeatures(tokens) };
}
