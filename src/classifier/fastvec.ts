/**
 * The hot-path twin of extractFeatures + vectorise: the same features, the same weights,
 * but looked up by hash as they are produced, into buffers reused between calls, so a
 * classification allocates no feature strings, maps or vectors.
 * Must stay in step with features.ts (a test compares the two on many texts).
 */
import { bigramKey, gramKey, k1, k2, keyRow, type Lookup, lookupOf, wordKey } from './lookup.ts';
import type { Model } from './model.ts';

const LT = 60; // «<»: stem start in char n-grams
const GT = 62; // «>»: stem end

export class FastVectoriser {
  readonly lookup: Lookup;
  /** The last vector: `n` rows and their L2-normalised tf-idf values. */
  readonly rows: Int32Array;
  readonly values: Float64Array;
  n = 0;
  private readonly tf: Float64Array;

  constructor(private readonly model: Pick<Model, 'index' | 'idf'>) {
    this.lookup = lookupOf(model);
    const size = Math.max(1, model.index.size);
    this.rows = new Int32Array(size);
    this.values = new Float64Array(size);
    this.tf = new Float64Array(size);
  }

  private hit(): void {
    const row = keyRow(this.lookup);
    if (row < 0) return;
    if (this.tf[row] === 0) this.rows[this.n++] = row;
    this.tf[row] = (this.tf[row] ?? 0) + 1;
  }

  /** Char 4-grams of «<stem>», as features.ts addCharGrams names them. */
  private charGrams(s: string): void {
    const len = s.length;
    let c0 = LT;
    let c1 = s.charCodeAt(0);
    let c2 = s.charCodeAt(1);
    for (let p = 2; p <= len; p++) {
      const c3 = p === len ? GT : s.charCodeAt(p);
      gramKey(c0, c1, c2, c3);
      this.hit();
      [c0, c1, c2] = [c1, c2, c3];
    }
  }

  /** Vectorises the stems of a text; the result is in rows/values[0..n). */
  vectorise(stems: readonly string[]): number {
    this.n = 0;
    let prev1 = 0;
    let prev2 = 0;
    for (let i = 0; i < stems.length; i++) {
      const s = stems[i] ?? '';
      wordKey(s);
      const [w1, w2] = [k1, k2];
      this.hit();
      if (i > 0) {
        bigramKey(prev1, prev2, w1, w2);
        this.hit();
      }
      [prev1, prev2] = [w1, w2];
      if (s.length > 2) this.charGrams(s);
    }
    return this.weigh();
  }

  /** log-tf × idf, L2-normalised; clears the tf buffer for the next call. */
  private weigh(): number {
    const { rows, values, tf } = this;
    let norm = 0;
    for (let i = 0; i < this.n; i++) {
      const row = rows[i] ?? 0;
      const v = (1 + Math.log(tf[row] ?? 1)) * (this.model.idf[row] ?? 0);
      tf[row] = 0;
      values[i] = v;
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < this.n; i++) values[i] = (values[i] ?? 0) * inv;
    return this.n;
  }

  /** Raw class scores of the last vector. */
  logits(weights: Float32Array, bias: Float32Array, out: Float64Array): Float64Array {
    const k = bias.length;
    for (let c = 0; c < k; c++) out[c] = bias[c]!;
    const { rows, values } = this;
    // Non-null assertions, not «?? 0», in this innermost loop: indices are in range by construction.
    for (let i = 0; i < this.n; i++) {
      const base = rows[i]! * k;
      const v = values[i]!;
      for (let c = 0; c < k; c++) out[c]! += v * weights[base + c]!;
    }
    return out;
  }

  /** A copy of the last vector, for explaining it after the buffers are reused. */
  snapshot(): { rows: Int32Array; values: Float64Array } {
    return { rows: this.rows.slice(0, this.n), values: this.values.slice(0, this.n) };
  }

  /** Features of a vector that pushed hardest toward class `c`: only for the winner. */
  topFeatures(vec: { rows: Int32Array; values: Float64Array }, weights: Float32Array, k: number, c: number) {
    const n = 5;
    const top: Array<{ feature: string; weight: number }> = [];
    for (let i = 0; i < vec.rows.length; i++) {
      const row = vec.rows[i] ?? 0;
      const weight = (vec.values[i] ?? 0) * (weights[row * k + c] ?? 0);
      if (weight <= 0 || (top.length === n && weight <= (top[n - 1]?.weight ?? 0))) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]?.weight ?? 0) < weight) at--;
      top.splice(at, 0, { feature: this.lookup.names[row] ?? '', weight });
      if (top.length > n) top.pop();
    }
    return top.map((f) => ({ feature: f.feature, weight: Math.round(f.weight * 1000) / 1000 }));
  }
}
