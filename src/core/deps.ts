import type { Classifier } from './classification.ts';
import type { ProductionCalendar } from './deadlines/calendar.ts';
import type { Clock, Store } from './ports.ts';
import type { SectorCatalogue } from './sectors.ts';

/** Settings the core needs, taken from the validated config. */
export interface CoreSettings {
  municipality: string;
  /** IANA zone of the municipality: days, numbering years and digests are counted there. */
  timeZone: string;
  /** Where staff cards go when a sector has no chat of its own; null when no staff channel is set. */
  staffChat: { channel: string; chatId: string } | null;
  /** Texts longer than this are truncated (the reason is recorded on the appeal). */
  maxTextLength: number;
  /** Hours from a post to its public answer that regions allow (monitor.publicAnswerLimitHours; 24 if unset). */
  publicAnswerLimitHours?: number;
}

/** Everything a core use case may touch, built once in src/main.ts. */
export interface CoreDeps {
  store: Store;
  classifier: Classifier;
  catalogue: SectorCatalogue;
  calendar: ProductionCalendar;
  clock: Clock;
  settings: CoreSettings;
}
