/**
 * What a resident's message means, in context: held until consent, an answer to a staff question,
 * an addition to the appeal they just wrote, or a new appeal. Channels call this inside the inbox
 * transaction; it only touches the store and the outbox.
 */
import { type InboundMessage, intakeMessages } from '../appeals/intake.ts';
import { OPEN_STATUSES, STATUS_NAMES_RU } from '../appeals/lifecycle.ts';
import { changeStatus } from '../appeals/transition.ts';
import type { CoreDeps } from '../deps.ts';
import type { Appeal, Resident } from '../model.ts';
import { toChat } from '../notify.ts';
import type { Repositories } from '../ports.ts';
import { sanitizeText } from '../text/sanitize.ts';
import { consentButtons, textsRu } from '../texts-ru.ts';

export interface ResidentInboundOptions {
  /** Telegram and VK ask for consent (152-ФЗ) before registering anything. */
  requireConsent: boolean;
  /** Messages within this window after an appeal was created join it instead of making a new one. */
  mergeWindowMs: number;
}

export type ResidentOutcome =
  | { status: 'registered'; appeal: Appeal }
  | { status: 'merged'; appeal: Appeal }
  | { status: 'reply'; appeal: Appeal }
  | { status: 'awaiting_consent' }
  | { status: 'refused'; reason: 'empty_text' };

interface State {
  resident: Resident;
  /** An appeal waiting for this resident's answer. */
  asked: Appeal | null;
  /** The appeal created moments ago, still untouched by staff. */
  fresh: Appeal | null;
}

async function loadStates(deps: CoreDeps, tx: Repositories, residents: Resident[], windowMs: number) {
  const since = new Date(deps.clock.now().getTime() - windowMs);
  const recent = await tx.appeals.recentForResidents([...new Set(residents.map((r) => r.id))], since);
  const states = new Map<number, State>();
  for (const resident of residents) {
    const mine = recent.filter((a) => a.residentId === resident.id);
    const asked = mine.find((a) => a.status === 'needs_info') ?? null;
    const fresh =
      mine.find((a) => a.createdAt >= since && (a.status === 'new' || a.status === 'triage')) ?? null;
    states.set(resident.id, { resident, asked, fresh });
  }
  return states;
}

/** Appends a follow-up message to an appeal: text, attachments, place; the staff card is refreshed. */
async function merge(deps: CoreDeps, tx: Repositories, appeal: Appeal, m: InboundMessage): Promise<Appeal> {
  const add = sanitizeText(m.text, deps.settings.maxTextLength).text;
  const text = add ? `${appeal.text}\n\n${add}`.slice(0, deps.settings.maxTextLength) : appeal.text;
  for (const a of m.attachments ?? []) await tx.appeals.addAttachment(appeal.id, a);
  const patch =
    m.location && appeal.latitude === null
      ? { latitude: m.location.latitude, longitude: m.location.longitude }
      : {};
  const ack = add ? null : textsRu.attached(appeal);
  return changeStatus(deps, tx, appeal, appeal.status, {
    actor: `resident:${appeal.residentId}`,
    eventType: 'note',
    data: { appended: add || null, attachments: m.attachments?.length ?? 0 },
    patch: { ...patch, text },
    residentText: ack,
  });
}

async function reply(deps: CoreDeps, tx: Repositories, appeal: Appeal, m: InboundMessage): Promise<Appeal> {
  for (const a of m.attachments ?? []) await tx.appeals.addAttachment(appeal.id, a);
  return changeStatus(deps, tx, appeal, 'in_progress', {
    actor: `resident:${appeal.residentId}`,
    eventType: 'resident_reply',
    data: { text: sanitizeText(m.text, deps.settings.maxTextLength).text },
    residentText: `Спасибо, уточнение передано исполнителю (обращение № ${appeal.number}).`,
  });
}

/** Consecutive new messages of one resident in a batch are one appeal. */
function joinBurst(into: InboundMessage, m: InboundMessage): InboundMessage {
  return {
    ...into,
    text: [into.text, m.text].filter(Boolean).join('\n\n'),
    attachments: [...(into.attachments ?? []), ...(m.attachments ?? [])],
    location: into.location ?? m.location,
    contactPhone: into.contactPhone ?? m.contactPhone,
  };
}

/** Attachments or a place with no text: an addition to an appeal, not a new problem. */
function isAddition(deps: CoreDeps, m: InboundMessage): boolean {
  const words = sanitizeText(m.text, deps.settings.maxTextLength).text;
  return !words && ((m.attachments?.length ?? 0) > 0 || m.location !== undefined);
}

async function latestOpen(tx: Repositories, residentId: number): Promise<Appeal | null> {
  const [newest] = await tx.appeals.list({ residentId, statuses: OPEN_STATUSES, limit: 1 });
  return newest ?? null;
}

type Pending = { kind: 'fresh'; slot: number; joined: boolean };

export async function handleResidentMessages(
  deps: CoreDeps,
  tx: Repositories,
  messages: InboundMessage[],
  o: ResidentInboundOptions,
): Promise<ResidentOutcome[]> {
  const residents = await tx.residents.ensureMany(messages.map((m) => ({ ...m.sender, channel: m.channel })));
  const states = await loadStates(deps, tx, residents, o.mergeWindowMs);
  const outcomes: Array<ResidentOutcome | Pending> = [];
  const fresh: InboundMessage[] = [];
  const slotOf = new Map<number, number>();
  for (const [i, m] of messages.entries()) {
    const state = states.get(residents[i]!.id)!;
    if (m.contactPhone)
      state.resident = await tx.residents.update(state.resident.id, { phone: m.contactPhone });
    if (o.requireConsent && !state.resident.consentAt) {
      await tx.residents.hold(state.resident.id, m, deps.clock.now());
      await tx.outbox.enqueue(consentNotice(deps, m.channel, m.sender.chatId), deps.clock.now());
      outcomes.push({ status: 'awaiting_consent' });
    } else if (state.asked) {
      outcomes.push({ status: 'reply', appeal: await reply(deps, tx, state.asked, m) });
      state.asked = null;
    } else if (state.fresh) {
      state.fresh = await merge(deps, tx, state.fresh, m);
      outcomes.push({ status: 'merged', appeal: state.fresh });
    } else if (slotOf.has(state.resident.id)) {
      const slot = slotOf.get(state.resident.id)!;
      fresh[slot] = joinBurst(fresh[slot]!, m);
      outcomes.push({ kind: 'fresh', slot, joined: true });
    } else {
      // A photo, place or contact without words belongs to the appeal still open, however old.
      const target = isAddition(deps, m) ? await latestOpen(tx, state.resident.id) : null;
      if (target) {
        outcomes.push({ status: 'merged', appeal: await merge(deps, tx, target, m) });
        continue;
      }
      slotOf.set(state.resident.id, fresh.length);
      outcomes.push({ kind: 'fresh', slot: fresh.length, joined: false });
      fresh.push(m);
    }
  }
  const registered = await intakeMessages(deps, tx, fresh);
  return outcomes.map((out) => {
    if (!('kind' in out)) return out;
    const r = registered[out.slot]!;
    if (r.status === 'refused') return r;
    return { status: out.joined ? 'merged' : 'registered', appeal: r.appeal };
  });
}

export function consentNotice(deps: CoreDeps, channel: string, chatId: string) {
  const message = toChat(channel, chatId, textsRu.consent(deps.settings.municipality));
  return { ...message, payload: { ...message.payload, buttons: consentButtons() } };
}

function revive(raw: unknown): InboundMessage {
  const m = raw as InboundMessage & { receivedAt: string };
  return { ...m, receivedAt: new Date(m.receivedAt) };
}

/** «Согласен»: consent time is recorded, and what the resident wrote before is registered now. */
export async function giveConsent(
  deps: CoreDeps,
  tx: Repositories,
  channel: string,
  sender: InboundMessage['sender'],
  o: ResidentInboundOptions,
): Promise<ResidentOutcome[]> {
  const resident = await tx.residents.ensure({ ...sender, channel });
  const now = deps.clock.now();
  if (!resident.consentAt) await tx.residents.update(resident.id, { consentAt: now });
  const held = (await tx.residents.takeHeld(resident.id)).map(revive);
  if (held.length === 0) {
    await tx.outbox.enqueue(toChat(channel, sender.chatId, textsRu.consentThanks()), now);
    return [];
  }
  return handleResidentMessages(deps, tx, held, o);
}

/** The resident's appeals for /status, newest first. */
export async function residentAppeals(tx: Repositories, channel: string, externalId: string, limit = 10) {
  const resident = await tx.residents.findByExternal(channel, externalId);
  return resident ? tx.appeals.list({ residentId: resident.id, limit }) : [];
}

export function statusListText(appeals: Appeal[]): string {
  if (appeals.length === 0) return textsRu.noAppeals();
  const lines = appeals.map((a) => `№ ${a.number} — ${STATUS_NAMES_RU[a.status]}`);
  return `Ваши обращения:\n${lines.join('\n')}`;
}
