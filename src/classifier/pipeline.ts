/** The classifier pipeline: guards, normalisation, rules, model, urgency, spam, places. */
import type { Classification, Classifier, Gazetteer } from '../core/classification.ts';
import type { SectorDef } from '../core/sectors.ts';
import { type AnalysedText, analyse } from './analyse.ts';
import { shippedModel } from './corpus.ts';
import { logits, type Model, topFeatures, vectorise } from './model.ts';
import { compileGazetteer, findPlaces } from './places.ts';
import { applyRules, compileRules, ruleWords } from './rules.ts';
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

export function createClassifier(opts: ClassifierOptions): Classifier {
  const model = opts.model ?? shippedModel();
  const rules = compileRules(opts.catalogue);
  const places = compileGazetteer(opts.gazetteer);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const weight = opts.ruleWeight ?? DEFAULT_RULE_WEIGHT;
  const extra = opts.catalogue.map((s) => s.code).filter((c) => !model.classes.includes(c));
  const classes = [...model.classes, ...extra];

  function decide(a: AnalysedText): Classification {
    const words = ruleWords(a.tokens.words);
    const base = {
      urgentReasons: detectUrgency(a.norm.text),
      places: findPlaces(places, a.tokens.words),
      modelVersion: model.version,
    };
    const spam = detectSpam(a.norm.text, a.norm.urls);
    if (spam.spam) {
      return refused('spam, advertising or abuse', model.version, {
        ...base,
        urgent: base.urgentReasons.length > 0,
        spam: true,
        spamReasons: spam.reasons,
        decidedBy: 'rule',
      });
    }
    const { hits, vetoes } = applyRules(rules, words);
    const vec = vectorise(model, a.counts);
    if (vec.rows.length === 0 && hits.length === 0) {
      return refused('no known words', model.version, { ...base, urgent: base.urgentReasons.length > 0 });
    }
    const scored = combine(
      classes,
      allLogits(model, classes, logits(model, vec)),
      model.temperature,
      ruleBoosts(rules, hits, weight),
    );
    const sector = classes[scored.best] ?? 'other';
    const confidence = Math.round((scored.probs[scored.best] ?? 0) * 1000) / 1000;
    const modelIdx = model.classes.indexOf(sector);
    const decidedBy = vec.rows.length === 0 || scored.best !== scored.modelBest ? 'rule' : 'model';
    return {
      sector,
      confidence,
      decidedBy,
      needsTriage: confidence < threshold,
      urgent: base.urgentReasons.length > 0,
      urgentReasons: base.urgentReasons,
      spam: false,
      spamReasons: spam.reasons,
      places: base.places,
      explain: {
        rules: [
          ...hits.filter((h) => h.sector === sector).map((h) => h.label),
          ...hits.filter((h) => h.sector !== sector).map((h) => h.label),
          ...vetoes,
        ],
        features: modelIdx >= 0 ? topFeatures(model, vec, modelIdx, 5) : [],
      },
      modelVersion: model.version,
    };
  }

  return {
    version: model.version,
    classify(text: string): Classification {
      try {
        const problem = inputProblem(text);
        if (problem) return refused(problem, model.version);
        return decide(analyse(text));
      } catch (err) {
        opts.logger?.warn({ err }, 'classifier failed on a text');
        return refused(`internal error: ${(err as Error)?.message ?? String(err)}`, model.version);
      }
    },
  };
}
