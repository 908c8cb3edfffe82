/** The twelve default sector blocks. A municipality may add its own codes in the catalogue file. */
export const DEFAULT_SECTOR_CODES = [
  'housing',
  'waste',
  'energy',
  'education',
  'health',
  'roads',
  'transport',
  'social',
  'ecology',
  'services',
  'improvement',
  'other',
] as const;

export type SectorCode = string;

/** Catch-all sector: low confidence, spam and empty texts land here (and in manual triage). */
export const FALLBACK_SECTOR: SectorCode = 'other';

export interface SectorDeadlines {
  /** Override of the «сообщение» answer deadline, in hours. */
  messageHours?: number;
  /** Override of the incident target, in hours. */
  incidentTargetHours?: number;
}

/** One block of the sector catalogue (config/sectors.yaml). */
export interface SectorDef {
  code: SectorCode;
  /** Russian name shown to residents and staff, e.g. «ЖКХ». */
  name: string;
  /** Single words or stems that point to this sector («подъезд», «отоплен»). */
  keywords: string[];
  /** Multi-word phrases, matched on normalised text («нет горячей воды»). */
  phrases: string[];
  /** Words that veto this sector's rules («двор» vetoes roads). */
  negativeKeywords: string[];
  /** Higher wins when rules of several sectors fire (e.g. «контейнер» → waste over improvement). */
  priority: number;
  /** Telegram chat for this block's cards; the staff group when absent. */
  chatId?: string;
  /** Staff ids (see StaffMember.id) of block heads and executors. */
  heads: string[];
  executors: string[];
  deadlines: SectorDeadlines;
}

export interface SectorCatalogue {
  sectors: SectorDef[];
  byCode(code: SectorCode): SectorDef | undefined;
}

export function createCatalogue(sectors: SectorDef[]): SectorCatalogue {
  const map = new Map(sectors.map((s) => [s.code, s]));
  return { sectors, byCode: (code) => map.get(code) };
}
