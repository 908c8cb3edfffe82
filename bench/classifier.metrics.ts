/** Accuracy, macro-F1 and percentiles for the classifier benchmark. */

export interface Scores {
  accuracy: number;
  macroF1: number;
}

export function score(gold: string[], pred: string[]): Scores {
  const classes = [...new Set(gold)];
  let hits = 0;
  gold.forEach((g, i) => {
    if (g === pred[i]) hits++;
  });
  let f1sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = pred[i];
      if (p === c && g === c) tp++;
      else if (p === c) fp++;
      else if (g === c) fn++;
    });
    f1sum += tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return { accuracy: hits / gold.length, macroF1: f1sum / classes.length };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export const fmt = (s: Scores): string =>
  `accuracy ${s.accuracy.toFixed(3)}  macro-F1 ${s.macroF1.toFixed(3)}`;

/** Stratification-free, deterministic folds: row i is in fold i mod k. */
export function folds<T>(rows: T[], k: number): Array<{ train: T[]; test: T[] }> {
  return Array.from({ length: k }, (_, f) => ({
    train: rows.filter((_, i) => i % k !== f),
    test: rows.filter((_, i) => i % k === f),
  }));
}
