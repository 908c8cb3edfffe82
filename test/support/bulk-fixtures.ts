/** Rows for the store's bulk methods, written directly (no classifier), for the bulk contract suite. */
import type { Attachment, NewAppeal } from '../../src/core/model.ts';
import type { NewInboxEvent, NewOutboxMessage } from '../../src/core/ports.ts';

export const AT = new Date('2026-03-10T09:00:00Z');

export function inboxEvent(externalId: string, overrides: Partial<NewInboxEvent> = {}): NewInboxEvent {
  return {
    channel: 'telegram',
    externalId,
    kind: 'message',
    payload: { update_id: Number(externalId) || externalId, text: `сообщение ${externalId}` },
    receivedAt: AT,
    ...overrides,
  };
}

export function outboxMsg(
  chatId: string,
  text: string,
  overrides: Partial<NewOutboxMessage> = {},
): NewOutboxMessage {
  return { channel: 'telegram', chatId, kind: 'text', payload: { text, buttons: [] }, ...overrides };
}

/** A registered-looking appeal of `year`, every column set so a dropped one shows up. */
export function newAppeal(text: string, overrides: Partial<NewAppeal> = {}): NewAppeal {
  return {
    year: 2026,
    channel: 'telegram',
    kind: 'message',
    status: 'new',
    text,
    intakeNote: null,
    residentId: null,
    replyChatId: '9001',
    sector: 'roads',
    sectorConfidence: 0.87,
    sectorDecidedBy: 'model',
    urgent: false,
    spam: false,
    address: 'ул. Ленина, 1',
    settlement: null,
    latitude: 51.73,
    longitude: 36.19,
    assigneeId: null,
    duplicateOfId: null,
    receivedAt: new Date('2026-03-10T08:59:30Z'),
    registeredAt: AT,
    dueAt: new Date('2026-03-20T21:00:00Z'),
    targetAt: null,
    extensionReason: null,
    extendedAt: null,
    answeredAt: null,
    closedAt: null,
    rating: null,
    ...overrides,
  };
}

export function item(data: NewAppeal, attachments: Attachment[] = []) {
  return { data, attachments };
}
