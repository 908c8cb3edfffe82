/** intakeAppeal: a resident's message (or a monitored post) becomes a numbered, routed appeal. */
import type { Classification } from '../classification.ts';
import { computeDueAt } from '../deadlines/compute-due-at.ts';
import { civilDateOf, yearOf } from '../deadlines/zoned-time.ts';
import type { CoreDeps } from '../deps.ts';
import type { Appeal, Attachment, NewAppeal } from '../model.ts';
import { compact, staffCard, toChat, toResident } from '../notify.ts';
import type { NewOutboxMessage, Repositories, ResidentKey } from '../ports.ts';
import { FALLBACK_SECTOR } from '../sectors.ts';
import { sanitizeText } from '../text/sanitize.ts';
import { textsRu } from '../texts-ru.ts';
import type { AppealKind } from './lifecycle.ts';

export interface InboundMessage {
  channel: string;
  sender: Omit<ResidentKey, 'channel'>;
  text: string;
  kind?: AppealKind;
  attachments?: Attachment[];
  location?: { latitude: number; longitude: number };
  address?: string;
  /** A phone number the resident shared on purpose (Telegram contact); kept on the resident, shown to staff only. */
  contactPhone?: string;
  receivedAt: Date;
}

export type IntakeResult =
  | { status: 'registered'; appeal: Appeal; classification: Classification }
  | { status: 'refused'; reason: 'empty_text' };

interface Prepared {
  data: NewAppeal;
  attachments: Attachment[];
  classification: Classification;
}

function prepare(deps: CoreDeps, msg: InboundMessage, residentId: number): Prepared | null {
  const { text, notes } = sanitizeText(msg.text, deps.settings.maxTextLength);
  const attachments = msg.attachments ?? [];
  if (!text && attachments.length === 0 && !msg.location) return null;
  const c = deps.classifier.classify(text);
  const sector = deps.catalogue.byCode(c.sector) ? c.sector : FALLBACK_SECTOR;
  const kind = msg.kind ?? 'message';
  const now = deps.clock.now();
  const due = computeDueAt({
    regime: kind,
    receivedAt: msg.receivedAt,
    registeredAt: now,
    sector: deps.catalogue.byCode(sector),
    calendar: deps.calendar,
    timeZone: deps.settings.timeZone,
  });
  const data: NewAppeal = {
    year: yearOf(civilDateOf(now, deps.settings.timeZone)),
    channel: msg.channel,
    kind,
    status: c.needsTriage || c.spam ? 'triage' : 'new',
    text: text || '(без текста, см. вложения)',
    intakeNote: notes.length ? notes.join('; ') : null,
    residentId,
    replyChatId: msg.sender.chatId,
    sector,
    sectorConfidence: c.confidence,
    sectorDecidedBy: c.decidedBy,
    urgent: c.urgent,
    spam: c.spam,
    address: msg.address ?? null,
    settlement: c.places.settlements[0] ?? null,
    latitude: msg.location?.latitude ?? null,
    longitude: msg.location?.longitude ?? null,
    assigneeId: null,
    duplicateOfId: null,
    receivedAt: msg.receivedAt,
    registeredAt: now,
    dueAt: due.dueAt,
    targetAt: due.targetAt ?? null,
    extensionReason: null,
    extendedAt: null,
    answeredAt: null,
    closedAt: null,
    rating: null,
  };
  return { data, attachments, classification: c };
}

function announcements(deps: CoreDeps, appeal: Appeal): NewOutboxMessage[] {
  const sectorName = deps.catalogue.byCode(appeal.sector)?.name ?? appeal.sector;
  const text = textsRu.registered(appeal, sectorName, deps.settings.timeZone);
  return compact([toResident(appeal, text), staffCard(deps, appeal)]);
}

/**
 * Registers a batch of inbound messages inside the caller's transaction: one counter bump, bulk
 * inserts, and the resident's confirmation and the staff card enqueued with them.
 */
export async function intakeMessages(deps: CoreDeps, tx: Repositories, messages: InboundMessage[]) {
  const residents = await tx.residents.ensureMany(messages.map((m) => ({ ...m.sender, channel: m.channel })));
  const prepared = messages.map((m, i) => prepare(deps, m, residents[i]!.id));
  const valid = prepared.filter((p): p is Prepared => p !== null);
  const appeals = await tx.appeals.createMany(valid, 'system', deps.clock.now());
  const outbox: NewOutboxMessage[] = appeals.flatMap((a) => announcements(deps, a));
  const results: IntakeResult[] = [];
  let next = 0;
  for (const [i, p] of prepared.entries()) {
    if (p) {
      results.push({ status: 'registered', appeal: appeals[next]!, classification: p.classification });
      next += 1;
      continue;
    }
    const m = messages[i]!;
    outbox.push(toChat(m.channel, m.sender.chatId, textsRu.emptyText()));
    results.push({ status: 'refused', reason: 'empty_text' });
  }
  await tx.outbox.enqueueMany(outbox, deps.clock.now());
  return results;
}

/** One message, in its own transaction. */
export async function intakeAppeal(deps: CoreDeps, message: InboundMessage): Promise<IntakeResult> {
  const [result] = await deps.store.transaction((tx) => intakeMessages(deps, tx, [message]));
  return result!;
}
