/**
 * Classifier benchmark on the Kursk appeals file (never shipped, read at run time):
 *  (a) the shipped model on every row; (b) 5-fold CV of our pipeline trained on the file
 *  plus the project corpus; (c) natural's BayesClassifier as shipped, same folds;
 *  (d) training time, µs per message, peak RSS and saved model size.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueExamples, loadCorpus, shippedModel } from '../src/classifier/corpus.ts';
import { DEFAULT_SECTORS } from '../src/classifier/default-catalogue.ts';
import { createClassifier } from '../src/classifier/pipeline.ts';
import { saveModel } from '../src/classifier/serialise.ts';
import { trainModel } from '../src/classifier/train.ts';
import type { LabelledExample } from '../src/core/classification.ts';
import { fmt, folds, percentile, score } from './classifier.metrics.ts';

process.env.DOTENV_CONFIG_QUIET = 'true';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataFile = process.env.KURSK_DATA ?? path.resolve(repoRoot, '../shared/data/kursk-appeals.jsonl');

function predictAll(rows: LabelledExample[], model = shippedModel()): string[] {
  const clf = createClassifier({ catalogue: DEFAULT_SECTORS, model });
  return rows.map((r) => clf.classify(r.text).sector);
}

function crossValidate(rows: LabelledExample[], base: LabelledExample[]) {
  const gold: string[] = [];
  const pred: string[] = [];
  for (const { train, test } of folds(rows, 5)) {
    const model = trainModel([...base, ...train], { name: 'cv' });
    gold.push(...test.map((r) => r.sector));
    pred.push(...predictAll(test, model));
  }
  return score(gold, pred);
}

function naturalBaseline(rows: LabelledExample[]) {
  const require = createRequire(import.meta.url);
  type Bayes = { addDocument(t: string, c: string): void; train(): void; classify(t: string): string };
  const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => Bayes;
  const gold: string[] = [];
  const pred: string[] = [];
  for (const { train, test } of folds(rows, 5)) {
    const nb = new BayesClassifier();
    for (const r of train) nb.addDocument(r.text, r.sector);
    nb.train();
    gold.push(...test.map((r) => r.sector));
    pred.push(...test.map((r) => nb.classify(r.text)));
  }
  return score(gold, pred);
}

function timing(rows: LabelledExample[], base: LabelledExample[]) {
  const t0 = performance.now();
  const model = trainModel([...base, ...rows], { name: 'bench' });
  const trainMs = performance.now() - t0;
  const clf = createClassifier({ catalogue: DEFAULT_SECTORS, model });
  for (const r of rows) clf.classify(r.text); // warm-up: JIT and stem cache
  const us: number[] = [];
  for (const r of rows) {
    const s = performance.now();
    clf.classify(r.text);
    us.push((performance.now() - s) * 1000);
  }
  us.sort((a, b) => a - b);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mcu-bench-')), 'model.json');
  saveModel(model, file);
  return {
    trainMs,
    p50: percentile(us, 50),
    p99: percentile(us, 99),
    bytes: statSync(file).size,
    n: model.exampleCount,
  };
}

function main(): void {
  if (!existsSync(dataFile)) {
    console.log(`classifier bench: data file not found: ${dataFile} (set KURSK_DATA); nothing to do`);
    return;
  }
  const rows = readFileSync(dataFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledExample);
  const base = [...loadCorpus(), ...catalogueExamples(DEFAULT_SECTORS)];
  const t0 = performance.now();
  const shipped = shippedModel();
  console.log(
    `rows: ${rows.length}; shipped model ${shipped.version} trained in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  console.log(
    `(a) shipped model, all rows:        ${fmt(
      score(
        rows.map((r) => r.sector),
        predictAll(rows),
      ),
    )}`,
  );
  console.log(`(b) 5-fold CV, file + corpus:       ${fmt(crossValidate(rows, base))}`);
  console.log(`(b') 5-fold CV, file only:          ${fmt(crossValidate(rows, []))}`);
  console.log(`(c) natural BayesClassifier, 5-fold: ${fmt(naturalBaseline(rows))}`);
  const t = timing(rows, base);
  console.log(
    `(d) training on ${t.n} texts: ${t.trainMs.toFixed(0)} ms; classify p50 ${t.p50.toFixed(1)} µs, p99 ${t.p99.toFixed(1)} µs; ` +
      `model file ${t.bytes} bytes; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

main();
