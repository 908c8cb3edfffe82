/**
 * The sparse linear model: multinomial logistic regression over hashed-free, named
 * features (so explanations can name them), weighted by log-tf × idf and L2-normalised.
 */
import type { SectorCode } from '../core/sectors.ts';
import type { FeatureCounts } from './features.ts';

export const MODEL_FORMAT = 'mcu-classifier/1';

export interface Model {
  format: typeof MODEL_FORMAT;
  /** E.g. "corpus-1a2b3c4d": what it was trained on plus a hash of the examples. */
  version: string;
  classes: SectorCode[];
  /** Feature name → row index into `weights` and `idf`. */
  index: Map<string, number>;
  idf: Float32Array;
  /** Row-major: weights[row * classes.length + class]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature fitted on held-out examples. */
  temperature: number;
  trainedAt: string;
  exampleCount: number;
}

/** Sparse vector: parallel arrays of feature rows and values. */
export interface SparseVector {
  rows: number[];
  values: number[];
  names: string[];
}

export function vectorise(model: Pick<Model, 'index' | 'idf'>, counts: FeatureCounts): SparseVector {
  const vec: SparseVector = { rows: [], values: [], names: [] };
  let norm = 0;
  for (const [name, tf] of counts) {
    const row = model.index.get(name);
    if (row === undefined) continue;
    const v = (1 + Math.log(tf)) * (model.idf[row] ?? 0);
    vec.rows.push(row);
    vec.values.push(v);
    vec.names.push(name);
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < vec.values.length; i++) vec.values[i] = (vec.values[i] ?? 0) * inv;
  return vec;
}

/** Raw class scores (logits) of a vector. */
export function logits(model: Model, vec: SparseVector, out?: Float64Array): Float64Array {
  const k = model.classes.length;
  const z = out ?? new Float64Array(k);
  const { weights, bias } = model;
  for (let c = 0; c < k; c++) z[c] = bias[c]!;
  // Training's innermost loop: non-null assertions (indices are in range by construction).
  for (let i = 0; i < vec.rows.length; i++) {
    const base = vec.rows[i]! * k;
    const v = vec.values[i]!;
    for (let c = 0; c < k; c++) z[c]! += v * weights[base + c]!;
  }
  return z;
}

/** In-place softmax with temperature; returns the same array. */
export function softmax(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v / temperature);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] ?? 0) / temperature - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] ?? 0) / sum;
  return z;
}
