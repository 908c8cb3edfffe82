/**
 * The project's own training corpus (src/classifier/corpus/<sector>.txt, one message a line)
 * and the shipped model trained from it at start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledExample } from '../core/classification.ts';
import type { SectorDef } from '../core/sectors.ts';
import { DEFAULT_SECTORS } from './default-catalogue.ts';
import type { Model } from './model.ts';
import { trainModel } from './train.ts';

const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

export function loadCorpus(dir: string = CORPUS_DIR): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const sector = file.replace(/\.txt$/, '');
    for (const line of readFileSync(`${dir}/${file}`, 'utf8').split('\n')) {
      const text = line.trim();
      if (text && !text.startsWith('#')) out.push({ text, sector });
    }
  }
  return out;
}

/** Catalogue phrases are short examples too: they teach the model the rule vocabulary. */
export function catalogueExamples(sectors: SectorDef[]): LabelledExample[] {
  return sectors.flatMap((s) => (s.phrases ?? []).map((text) => ({ text, sector: s.code })));
}

let shipped: Model | undefined;

/** The default model: the corpus plus the default catalogue phrases; trained once, memoised. */
export function shippedModel(): Model {
  shipped ??= trainModel([...loadCorpus(), ...catalogueExamples(DEFAULT_SECTORS)], { name: 'corpus' });
  return shipped;
}
