/** Averaged SGD for multinomial logistic regression on sparse, L2-normalised vectors. */
import { logits, type Model, type SparseVector, softmax } from './model.ts';

/** Small deterministic PRNG (mulberry32) so that the same corpus gives the same model. */
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

export function sgdSoftmax(vecs: SparseVector[], ys: number[], k: number, rows: number, epochs: number) {
  const w = new Float32Array(rows * k);
  const u = new Float32Array(rows * k); // Σ t·Δ, for the averaged weights
  const b = new Float32Array(k);
  const ub = new Float32Array(k);
  const cw = classWeights(ys, k);
  const model = { classes: new Array<string>(k), weights: w, bias: b } as unknown as Model;
  const order = vecs.map((_, i) => i);
  const next = rng(42);
  const z = new Float64Array(k);
  let t = 1;
  for (let e = 0; e < epochs; e++) {
    shuffle(order, next);
    const lr = 1.0 / (1 + e * 0.3);
    for (const i of order) {
      const vec = vecs[i]!;
      const y = ys[i] ?? 0;
      softmax(logits(model, vec, z));
      const scale = lr * (cw[y] ?? 1);
      for (let c = 0; c < k; c++) {
        const g = ((z[c] ?? 0) - (c === y ? 1 : 0)) * scale;
        if (Math.abs(g) < 1e-4) continue;
        b[c] = (b[c] ?? 0) - g;
        ub[c] = (ub[c] ?? 0) - t * g;
        for (let j = 0; j < vec.rows.length; j++) {
          const at = (vec.rows[j] ?? 0) * k + c;
          const d = g * (vec.values[j] ?? 0);
          w[at] = (w[at] ?? 0) - d;
          u[at] = (u[at] ?? 0) - t * d;
        }
      }
      t++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = (w[i] ?? 0) - (u[i] ?? 0) / t;
  for (let c = 0; c < k; c++) b[c] = (b[c] ?? 0) - (ub[c] ?? 0) / t;
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
