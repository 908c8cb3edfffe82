/**
 * How consistent the file's labels are: for each row, its most similar other row (cosine of
 * the same L2-normalised log-tf × idf vectors the model reads) and whether both carry the same
 * sector. Near-identical texts that disagree bound the accuracy any text-only model can reach.
 */
import { analyse } from '../src/classifier/analyse.ts';
import { vectorise } from '../src/classifier/model.ts';
import type { LabelledExample } from '../src/core/classification.ts';

export interface AgreementBand {
  minCosine: number;
  rows: number;
  agreeing: number;
}

function idfIndex(docs: Map<string, number>[]) {
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  const idf: number[] = [];
  for (const [f, n] of df) {
    index.set(f, idf.length);
    idf.push(Math.log((docs.length + 1) / (n + 1)) + 1);
  }
  return { index, idf: Float32Array.from(idf) };
}

/** Nearest neighbour of every row through an inverted index: O(rows × shared features). */
function nearest(rows: LabelledExample[]): Array<{ j: number; cos: number }> {
  const docs = rows.map((r) => analyse(r.text).counts);
  const model = idfIndex(docs);
  const vecs = docs.map((d) => vectorise(model, d));
  const postings = new Map<number, Array<[number, number]>>();
  vecs.forEach((v, i) => {
    v.rows.forEach((f, n) => {
      const list = postings.get(f) ?? [];
      list.push([i, v.values[n] ?? 0]);
      postings.set(f, list);
    });
  });
  return vecs.map((v, i) => {
    const acc = new Float64Array(rows.length);
    v.rows.forEach((f, n) => {
      for (const [j, w] of postings.get(f) ?? []) acc[j] = (acc[j] ?? 0) + w * (v.values[n] ?? 0);
    });
    acc[i] = -1;
    let best = 0;
    for (let j = 1; j < acc.length; j++) if ((acc[j] ?? 0) > (acc[best] ?? 0)) best = j;
    return { j: best, cos: acc[best] ?? 0 };
  });
}

export function labelAgreement(rows: LabelledExample[], bands = [0.9, 0.7, 0.5, 0]): AgreementBand[] {
  const out = bands.map((minCosine) => ({ minCosine, rows: 0, agreeing: 0 }));
  nearest(rows).forEach(({ j, cos }, i) => {
    const band = out.find((b) => cos >= b.minCosine);
    if (!band) return;
    band.rows++;
    if (rows[i]?.sector === rows[j]?.sector) band.agreeing++;
  });
  return out;
}
