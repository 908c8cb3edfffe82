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

/** Normalised text and tokens: all the classifying hot path needs (it looks features up by hash). */
export function analyseText(raw: string): Omit<AnalysedText, 'counts'> {
  const norm = normalise(raw.length > MAX_ANALYSED_CHARS * 2 ? raw.slice(0, MAX_ANALYSED_CHARS * 2) : raw);
  norm.text = transliterate(norm.text);
  if (norm.text.length > MAX_ANALYSED_CHARS) norm.text = norm.text.slice(0, MAX_ANALYSED_CHARS);
  return { norm, tokens: tokenise(norm.text) };
}

/** Everything, feature names included: for training. */
export function analyse(raw: string): AnalysedText {
  const a = analyseText(raw);
  return { ...a, counts: extractFeatures(a.tokens) };
}
