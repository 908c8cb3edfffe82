/** Averaged SGD for multinomial logistic regression on sparse, L2-normalised vectors. */
import { logits, type Model, type SparseVector, softmax } from './model.ts';

/** Small deterministic PRNG (mulberry32) so that the same corpus gives the same model. */
const SKIP = 1e-3;
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], next: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
}

/** Rare classes get more weight (square-root balanced), which lifts macro-F1. */
function classWeights(ys: number[], k: number): Float64Array {
  const counts = new Float64Array(k);
  for (const y of ys) counts[y] = (counts[y] ?? 0) + 1;
  const mean = ys.length / k;
  return counts.map((n) => (n > 0 ? Math.sqrt(mean / n) : 0));
}

/** One step on one example: gradient of the log-loss for the classes it really moves. */
function step(st: SgdState, vec: SparseVector, y: number, scale: number): void {
  const { k, w, u, b, ub, z, active, grad, t } = st;
  softmax(logits(st.model, vec, z));
  let m = 0;
  for (let c = 0; c < k; c++) {
    const g = (z[c]! - (c === y ? 1 : 0)) * scale;
    if (Math.abs(g) < SKIP) continue; // most classes barely move: skip their updates
    active[m] = c;
    grad[m++] = g;
    b[c]! -= g;
    ub[c]! -= t * g;
  }
  if (m === 0) return;
  // Row-major weights: features outer, classes inner, so each row is touched once.
  for (let j = 0; j < vec.rows.length; j++) {
    const base = vec.rows[j]! * k;
    const v = vec.values[j]!;
    for (let a = 0; a < m; a++) {
      const at = base + active[a]!;
      const d = grad[a]! * v;
      w[at]! -= d;
      u[at]! -= t * d;
    }
  }
}

interface SgdState {
  k: number;
  w: Float32Array;
  /** Σ t·Δ, for the averaged weights. */
  u: Float32Array;
  b: Float32Array;
  ub: Float32Array;
  z: Float64Array;
  active: Int32Array;
  grad: Float64Array;
  t: number;
  model: Model;
}

function newState(k: number, rows: number): SgdState {
  const w = new Float32Array(rows * k);
  const b = new Float32Array(k);
  const model = { classes: new Array<string>(k), weights: w, bias: b } as unknown as Model;
  const [u, ub] = [new Float32Array(rows * k), new Float32Array(k)];
  return {
    k,
    w,
    u,
    b,
    ub,
    z: new Float64Array(k),
    active: new Int32Array(k),
    grad: new Float64Array(k),
    t: 1,
    model,
  };
}

export function sgdSoftmax(vecs: SparseVector[], ys: number[], k: number, rows: number, epochs: number) {
  const st = newState(k, rows);
  const cw = classWeights(ys, k);
  const order = vecs.map((_, i) => i);
  const next = rng(42);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, next);
    const lr = 1.0 / (1 + e * 0.3);
    for (const i of order) {
      const y = ys[i] ?? 0;
      step(st, vecs[i]!, y, lr * (cw[y] ?? 1));
      st.t++;
    }
  }
  const { w, u, b, ub, t } = st;
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / t;
  for (let c = 0; c < k; c++) b[c] = b[c]! - ub[c]! / t;
  return { weights: w, bias: b };
}

/** Picks the temperature that minimises held-out log-loss (every 7th example held out). */
export function fitTemperature(vecs: SparseVector[], ys: number[], k: number, rows: number, epochs: number) {
  const held = vecs.map((_, i) => i).filter((i) => i % 7 === 3);
  if (held.length < 20) return 1;
  const keep = vecs.map((_, i) => i).filter((i) => i % 7 !== 3);
  const trained = sgdSoftmax(
    keep.map((i) => vecs[i]!),
    keep.map((i) => ys[i] ?? 0),
    k,
    rows,
    epochs,
  );
  const model = { classes: new Array<string>(k), ...trained } as unknown as Model;
  const raw = held.map((i) => logits(model, vecs[i]!));
  let best = 1;
  let bestLoss = Infinity;
  for (let temp = 0.2; temp <= 3.01; temp += 0.1) {
    let loss = 0;
    held.forEach((i, n) => {
      const p = softmax(Float64Array.from(raw[n]!), temp);
      loss -= Math.log(Math.max(p[ys[i] ?? 0] ?? 0, 1e-9));
    });
    if (loss < bestLoss) [best, bestLoss] = [temp, loss];
  }
  return Math.round(best * 100) / 100;
}
