/**
 * Model files: JSON with weights quantised to int16 and base64-encoded, which keeps a
 * model trained on thousands of appeals well under 5 MB. Loading validates everything:
 * a corrupt file is refused with ModelLoadError, and callers fall back to the shipped model.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { MODEL_FORMAT, type Model } from './model.ts';

export const MAX_MODEL_BYTES = 5 * 1024 * 1024;

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Cannot load classifier model ${file}: ${reason}`);
  }
}

interface ModelFile {
  format: string;
  version: string;
  classes: string[];
  temperature: number;
  trainedAt: string;
  exampleCount: number;
  features: string[];
  idf: number[];
  scale: number;
  weights: string;
  bias: number[];
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

export function serialiseModel(model: Model): string {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const q = Int16Array.from(model.weights, (w) => Math.round(w / scale));
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: model.version,
    classes: model.classes,
    temperature: model.temperature,
    trainedAt: model.trainedAt,
    exampleCount: model.exampleCount,
    features: [...model.index.keys()],
    idf: Array.from(model.idf, round),
    scale,
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    bias: Array.from(model.bias, round),
  };
  return JSON.stringify(file);
}

/** Writes atomically (temp file + rename) so a watcher never sees half a model. */
export function saveModel(model: Model, file: string): number {
  const json = serialiseModel(model);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, json);
  renameSync(tmp, file);
  return Buffer.byteLength(json);
}

function check(cond: unknown, file: string, reason: string): asserts cond {
  if (!cond) throw new ModelLoadError(file, reason);
}

function parse(json: string, file: string): ModelFile {
  try {
    return JSON.parse(json) as ModelFile;
  } catch (err) {
    throw new ModelLoadError(file, `not valid JSON (${(err as Error).message})`);
  }
}

export function deserialiseModel(json: string, file = '<memory>'): Model {
  check(json.length <= MAX_MODEL_BYTES * 1.5, file, 'file is larger than 5 MB');
  const m = parse(json, file);
  check(m && typeof m === 'object', file, 'not a JSON object');
  check(
    m.format === MODEL_FORMAT,
    file,
    `unknown format ${JSON.stringify(m.format)}, expected ${MODEL_FORMAT}`,
  );
  check(typeof m.version === 'string' && m.version !== '', file, 'missing version');
  check(
    Array.isArray(m.classes) && m.classes.length > 0 && m.classes.every((c) => typeof c === 'string'),
    file,
    'bad classes',
  );
  check(
    Array.isArray(m.features) && Array.isArray(m.idf) && m.idf.length === m.features.length,
    file,
    'features and idf differ in length',
  );
  check(Array.isArray(m.bias) && m.bias.length === m.classes.length, file, 'bias does not match classes');
  check(typeof m.scale === 'number' && Number.isFinite(m.scale) && m.scale > 0, file, 'bad weight scale');
  check(typeof m.weights === 'string', file, 'missing weights');
  const raw = Buffer.from(m.weights, 'base64');
  check(
    raw.length === m.features.length * m.classes.length * 2,
    file,
    'weights do not match features × classes',
  );
  const q = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  const temperature = Number(m.temperature);
  check(Number.isFinite(temperature) && temperature > 0, file, 'bad temperature');
  return {
    format: MODEL_FORMAT,
    version: m.version,
    classes: m.classes,
    index: new Map(m.features.map((f, i) => [String(f), i])),
    idf: Float32Array.from(m.idf, Number),
    weights: Float32Array.from(q, (v) => v * m.scale),
    bias: Float32Array.from(m.bias, Number),
    temperature,
    trainedAt: String(m.trainedAt ?? ''),
    exampleCount: Number(m.exampleCount ?? 0),
  };
}

export function loadModel(file: string): Model {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ModelLoadError(
      file,
      `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return deserialiseModel(json, file);
}
