/** The classifier pipeline: guards, normalisation, rules, model, urgency, spam, places. */
import type {
  Classification,
  ClassificationExplain,
  Classifier,
  FeatureWeight,
  Gazetteer,
} from '../core/classification.ts';
import type { SectorDef } from '../core/sectors.ts';
import { type AnalysedText, analyseText } from './analyse.ts';
import { shippedModel } from './corpus.ts';
import { FastVectoriser } from './fastvec.ts';
import type { Model } from './model.ts';
import { compileGazetteer, findPlaces } from './places.ts';
import { applyRules, compileRules, type RuleHit, squeezeAll } from './rules.ts';
import { combine, DEFAULT_RULE_WEIGHT, ruleBoosts } from './scoring.ts';
import { detectSpam } from './spam.ts';
import { detectUrgency } from './urgency.ts';
import { inputProblem, refused } from './verdicts.ts';

export interface ClassifierLogger {
  warn(obj: object, msg?: string): void;
}

export interface ClassifierOptions {
  catalogue: SectorDef[];
  gazetteer?: Gazetteer;
  /** Below this confidence the appeal goes to manual triage. Default 0.5. */
  threshold?: number;
  /** Defaults to the shipped model trained on the project corpus. */
  model?: Model;
  logger?: ClassifierLogger;
  /** Logit weight of a rule hit; 0 turns the rules off (model only). */
  ruleWeight?: number;
}

export const DEFAULT_THRESHOLD = 0.5;

/** Model logits over the model's classes plus catalogue codes the model never saw. */
function allLogits(model: Model, classes: string[], raw: Float64Array): Float64Array {
  if (classes.length === model.classes.length) return raw;
  const out = new Float64Array(classes.length);
  const floor = Math.min(...raw) - 1;
  classes.forEach((c, i) => {
    const j = model.classes.indexOf(c);
    out[i] = j >= 0 ? (raw[j] ?? 0) : floor;
  });
  return out;
}

/**
 * Top features cost as much as scoring (a second pass over the weights), and most callers
 * only route: they are computed on first read of `explain.features` (an own enumerable
 * accessor, so JSON.stringify, spreads and equality checks read it too), then kept.
 */
function lazyFeatures(rules: string[], compute: () => FeatureWeight[]): ClassificationExplain {
  let features: FeatureWeight[] | undefined;
  // An accessor in the literal keeps the object's shape fast (defineProperty would not).
  return {
    rules,
    get features(): FeatureWeight[] {
      features ??= compute();
      return features;
    },
    set features(value: FeatureWeight[]) {
      features = value;
    },
  };
}

/** Rules for the chosen sector first, then the others, then vetoes. */
function explainRules(hits: RuleHit[], vetoes: string[], sector: string): string[] {
  const out: string[] = [];
  for (const h of hits) if (h.sector === sector) out.push(h.label);
  for (const h of hits) if (h.sector !== sector) out.push(h.label);
  for (const v of vetoes) out.push(v);
  return out;
}

export function createClassifier(opts: ClassifierOptions): Classifier {
  const model = opts.model ?? shippedModel();
  const rules = compileRules(opts.catalogue);
  const places = compileGazetteer(opts.gazetteer);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const weight = opts.ruleWeight ?? DEFAULT_RULE_WEIGHT;
  const extra = opts.catalogue.map((s) => s.code).filter((c) => !model.classes.includes(c));
  const classes = [...model.classes, ...extra];

  const fast = new FastVectoriser(model);
  const raw = new Float64Array(model.classes.length);

  function decide(a: Omit<AnalysedText, 'counts'>): Classification {
    const urgentReasons = detectUrgency(a.norm.text);
    const base = {
      urgent: urgentReasons.length > 0,
      urgentReasons,
      places: findPlaces(places, a.tokens.words),
      modelVersion: model.version,
    };
    const spam = detectSpam(a.norm.text, a.norm.urls);
    if (spam.spam) {
      const extra = { ...base, spam: true, spamReasons: spam.reasons, decidedBy: 'rule' as const };
      return refused('spam, advertising or abuse', model.version, extra);
    }
    const { hits, vetoes } = applyRules(rules, squeezeAll(a.tokens.content));
    const found = fast.vectorise(a.tokens.stems);
    if (found === 0 && hits.length === 0) return refused('no known words', model.version, base);
    const logits = allLogits(model, classes, fast.logits(model.weights, model.bias, raw));
    const vec = fast.snapshot();
    const scored = combine(classes, logits, model.temperature, ruleBoosts(rules, hits, weight));
    const sector = classes[scored.best] ?? 'other';
    const confidence = Math.round((scored.probs[scored.best] ?? 0) * 1000) / 1000;
    const modelIdx = model.classes.indexOf(sector);
    return {
      ...base,
      sector,
      confidence,
      decidedBy: found === 0 || scored.best !== scored.modelBest ? 'rule' : 'model',
      needsTriage: confidence < threshold,
      spam: false,
      spamReasons: spam.reasons,
      explain: lazyFeatures(explainRules(hits, vetoes, sector), () => {
        return modelIdx >= 0 ? fast.topFeatures(vec, model.weights, model.classes.length, modelIdx) : [];
      }),
    };
  }

  return {
    version: model.version,
    classify(text: string): Classification {
      try {
        const problem = inputProblem(text);
        if (problem) return refused(problem, model.version);
        return decide(analyseText(text));
      } catch (err) {
        opts.logger?.warn({ err }, 'classifier failed on a text');
        return refused(`internal error: ${(err as Error)?.message ?? String(err)}`, model.version);
      }
    },
  };
}
