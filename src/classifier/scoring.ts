/** Combines model logits with rule boosts into calibrated per-sector probabilities. */
import type { RuleHit, RuleSet } from './rules.ts';

export interface Scored {
  classes: string[];
  probs: Float64Array;
  /** Index of the winner without rules, to tell whether the rules decided. */
  modelBest: number;
  best: number;
}

/** Logit added per rule hit; phrases count more, higher priority blocks more. */
export const DEFAULT_RULE_WEIGHT = 1.2;

function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < z.length; i++) if ((z[i] ?? 0) > (z[best] ?? 0)) best = i;
  return best;
}

export function ruleBoosts(rules: RuleSet, hits: RuleHit[], weight: number): Map<string, number> {
  const strength = new Map<string, number>();
  for (const h of hits)
    strength.set(h.sector, (strength.get(h.sector) ?? 0) + (h.kind === 'phrase' ? 1.5 : 1));
  const boosts = new Map<string, number>();
  for (const [sector, s] of strength) {
    const priority = rules.priority.get(sector) ?? 0;
    boosts.set(sector, weight * Math.log2(1 + Math.min(s, 4)) * (0.5 + priority / 100));
  }
  return boosts;
}

export function combine(
  classes: string[],
  logits: Float64Array,
  temperature: number,
  boosts: Map<string, number>,
): Scored {
  const z = new Float64Array(classes.length);
  for (let c = 0; c < classes.length; c++) z[c] = (logits[c] ?? 0) / temperature;
  const modelBest = argmax(z);
  for (let c = 0; c < classes.length; c++) z[c] = (z[c] ?? 0) + (boosts.get(classes[c] ?? '') ?? 0);
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp((z[c] ?? 0) - max);
    sum += z[c] ?? 0;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] ?? 0) / sum;
  return { classes, probs: z, modelBest, best: argmax(z) };
}
