/** Plain domain records, as the store returns them. */
import type { AppealKind, AppealStatus } from './appeals/lifecycle.ts';
import type { SectorDecider } from './classification.ts';
import type { SectorCode } from './sectors.ts';

/** Channels that carry residents' messages or monitored posts. */
export type Channel = 'telegram' | 'vk' | 'max' | 'monitor' | 'cli';

export interface Resident {
  id: number;
  channel: string;
  externalId: string;
  chatId: string;
  name: string | null;
  phone: string | null;
  consentAt: Date | null;
}

export interface Appeal {
  id: number;
  number: string;
  year: number;
  seq: number;
  channel: string;
  kind: AppealKind;
  status: AppealStatus;
  text: string;
  intakeNote: string | null;
  residentId: number | null;
  replyChatId: string | null;
  sector: SectorCode;
  sectorConfidence: number;
  sectorDecidedBy: SectorDecider;
  urgent: boolean;
  spam: boolean;
  address: string | null;
  settlement: string | null;
  latitude: number | null;
  longitude: number | null;
  assigneeId: string | null;
  duplicateOfId: number | null;
  receivedAt: Date;
  registeredAt: Date;
  dueAt: Date;
  targetAt: Date | null;
  extensionReason: string | null;
  extendedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `year` is the numbering year in the municipality's time zone, set by the core. */
export type NewAppeal = Omit<Appeal, 'id' | 'number' | 'seq' | 'createdAt' | 'updatedAt'>;

export type AppealEventType =
  | 'created'
  | 'status'
  | 'assigned'
  | 'sector_changed'
  | 'question'
  | 'resident_reply'
  | 'interim_answer'
  | 'answer'
  | 'rating'
  | 'extended'
  | 'attachment'
  | 'note';

export interface AppealEvent {
  id: number;
  appealId: number;
  type: AppealEventType;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  /** "system", "resident:<id>", "staff:<id>" or "classifier:<rule|model>". */
  actor: string;
  data: Record<string, unknown> | null;
  at: Date;
}

export interface Attachment {
  kind: 'photo' | 'document' | 'location' | 'contact' | 'video' | 'audio' | 'link';
  /** A channel reference (Telegram file_id, VK attachment string, URL); files are not downloaded. */
  ref: string;
  caption?: string;
}

export type StaffRole = 'coordinator' | 'block_head' | 'executor' | 'head';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  telegramId: string | null;
  telegramUsername: string | null;
  vkId: string | null;
  sectors: SectorCode[];
  active: boolean;
}
