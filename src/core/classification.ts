import type { SectorCode } from './sectors.ts';

/** Who decided the sector of an appeal. */
export type SectorDecider = 'rule' | 'model' | 'staff' | 'none';

export interface FeatureWeight {
  feature: string;
  weight: number;
}

export interface ClassificationExplain {
  /** Rules that fired, e.g. "waste: keyword «контейнер»". */
  rules: string[];
  /** Model features that pushed hardest toward the chosen sector. */
  features: FeatureWeight[];
  /** Why the pipeline gave up or flagged the text, e.g. "empty text". */
  reason?: string;
}

export interface PlaceMentions {
  settlements: string[];
  streets: string[];
  organisations: string[];
}

export interface Classification {
  sector: SectorCode;
  /** Calibrated probability in [0, 1] that `sector` is right. */
  confidence: number;
  decidedBy: SectorDecider;
  /** True when confidence is under the configured threshold or the text is spam/empty. */
  needsTriage: boolean;
  urgent: boolean;
  urgentReasons: string[];
  spam: boolean;
  spamReasons: string[];
  places: PlaceMentions;
  explain: ClassificationExplain;
  modelVersion: string;
}

/** The classifier port: pure, synchronous, never throws. */
export interface Classifier {
  readonly version: string;
  classify(text: string): Classification;
}

/** A labelled example: a staff reassignment, a corpus line or an imported file line. */
export interface LabelledExample {
  text: string;
  sector: SectorCode;
}

/** Places of the municipality, from the config file; used to find mentions in texts. */
export interface Gazetteer {
  settlements: string[];
  streets: string[];
  organisations: string[];
}
