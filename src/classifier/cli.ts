/** Entry points for `mcu classify` and `mcu train`; the mcu CLI wires arguments to these. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Classifier, LabelledExample } from '../core/classification.ts';
import { catalogueExamples, loadCorpus } from './corpus.ts';
import { DEFAULT_SECTORS } from './default-catalogue.ts';
import { createClassifier } from './pipeline.ts';
import { loadModel, saveModel } from './serialise.ts';
import { trainModel } from './train.ts';

export interface RunTrainOptions {
  /** JSONL file with `text` and `sector` on each line. */
  dataFile?: string;
  /** E.g. staff reassignments from the database. */
  extraExamples: LabelledExample[];
  out: string;
  /** Also train on the project corpus (default true), so rare sectors keep examples. */
  includeCorpus?: boolean;
}

export interface RunTrainResult {
  version: string;
  examples: number;
  skippedLines: number;
  bytes: number;
  ms: number;
}

export function readExamplesFile(file: string): { examples: LabelledExample[]; skipped: number } {
  const examples: LabelledExample[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const row = JSON.parse(line) as { text?: unknown; sector?: unknown };
      if (typeof row.text === 'string' && typeof row.sector === 'string' && row.sector !== '') {
        examples.push({ text: row.text, sector: row.sector });
      } else skipped++;
    } catch {
      skipped++;
    }
  }
  return { examples, skipped };
}

export function runTrain(opts: RunTrainOptions): RunTrainResult {
  const started = performance.now();
  const file = opts.dataFile ? readExamplesFile(opts.dataFile) : { examples: [], skipped: 0 };
  const base = opts.includeCorpus === false ? [] : [...loadCorpus(), ...catalogueExamples(DEFAULT_SECTORS)];
  const examples = [...base, ...file.examples, ...opts.extraExamples];
  const model = trainModel(examples, { name: opts.includeCorpus === false ? 'custom' : 'corpus+custom' });
  const bytes = saveModel(model, opts.out);
  return {
    version: model.version,
    examples: examples.length,
    skippedLines: file.skipped,
    bytes,
    ms: Math.round(performance.now() - started),
  };
}

export interface RunClassifyOptions {
  modelFile?: string;
  input: Readable;
  output: Writable;
  /** Defaults to a classifier over the default catalogue. */
  classifier?: Classifier;
}

function classifyLine(clf: Classifier, line: string): object {
  let row: { id?: unknown; text?: unknown };
  try {
    row = JSON.parse(line) as typeof row;
  } catch {
    return { id: null, error: 'invalid JSON line' };
  }
  const id = row?.id ?? null;
  if (typeof row?.text !== 'string') return { id, error: 'missing "text" string' };
  const c = clf.classify(row.text);
  return { id, sector: c.sector, confidence: c.confidence, urgent: c.urgent, explain: c.explain };
}

/** JSONL in, JSONL out, one line per non-empty input line, in order; never throws on bad lines. */
export async function runClassify(opts: RunClassifyOptions): Promise<{ lines: number; errors: number }> {
  const model = opts.modelFile ? loadModel(opts.modelFile) : undefined;
  const clf =
    opts.classifier ?? createClassifier({ catalogue: DEFAULT_SECTORS, ...(model ? { model } : {}) });
  let lines = 0;
  let errors = 0;
  for await (const line of createInterface({ input: opts.input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const out = classifyLine(clf, line);
    if ('error' in out) errors++;
    lines++;
    if (!opts.output.write(`${JSON.stringify(out)}\n`))
      await new Promise((r) => opts.output.once('drain', r));
  }
  return { lines, errors };
}
