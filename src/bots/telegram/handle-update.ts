/**
 * Interprets stored Telegram updates inside the inbox transaction: residents in private chats, staff
 * in the staff group (and sector chats), the head in head chats. It only touches `tx` and the outbox;
 * callback queries were already answered by the receiver, so nothing here talks to the network.
 */
import type { InboundMessage } from '../../core/appeals/intake.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { InboxHandler } from '../../core/inbox/process-inbox.ts';
import type { InboxEvent, Repositories } from '../../core/ports.ts';
import { politely, say, type TgContext } from './context.ts';
import { residentCallback } from './resident/callbacks.ts';
import { readsState, registerReports, residentMessage } from './resident/messages.ts';
import type { TelegramSettings } from './settings.ts';
import { staffByTelegram } from './staff/access.ts';
import type { StaffCtx } from './staff/act.ts';
import { staffCallback } from './staff/callbacks.ts';
import { staffCommand } from './staff/commands.ts';
import { staffMessage } from './staff/messages.ts';
import { tgTexts } from './texts.ts';
import { type ParsedUpdate, parseUpdate, type UserRef } from './to-inbound.ts';

type Role = 'resident' | 'staff' | 'head' | null;

/** The staff group, sector chats from the catalogue, and head chats; private chats are residents. */
function chatRoles(deps: CoreDeps, settings: TelegramSettings) {
  const staff = new Set(
    [
      settings.staffChatId,
      deps.settings.staffChat?.chatId,
      ...deps.catalogue.sectors.map((s) => s.chatId),
    ].filter((id): id is string => Boolean(id)),
  );
  const heads = new Set(settings.headChatIds);
  return (chatId: string, isPrivate: boolean): Role => {
    if (staff.has(chatId)) return 'staff';
    if (heads.has(chatId)) return 'head';
    return isPrivate ? 'resident' : null;
  };
}

/** Commands and buttons in staff and head chats: only configured staff may use them. */
async function staffAction(
  ctx: TgContext,
  chatId: string,
  from: UserRef,
  act: (s: StaffCtx) => Promise<void>,
) {
  const staff = await staffByTelegram(ctx.tx, from.id);
  if (!staff) return say(ctx, chatId, tgTexts.staffOnly());
  await politely(ctx, chatId, () => act({ ...ctx, staff, chatId }));
}

async function route(ctx: TgContext, u: ParsedUpdate, role: Role, pending: InboundMessage[]) {
  if (u.type === 'ignored' || role === null) return;
  if (u.type === 'callback') {
    const chatId = u.chat!.id;
    if (role === 'resident')
      return politely(ctx, chatId, () => residentCallback(ctx, chatId, u.from, u.data));
    return staffAction(ctx, chatId, u.from, (s) => staffCallback(s, u.data));
  }
  if (role === 'resident') {
    const step = await residentMessage(ctx, u);
    if ('appeal' in step) pending.push(step.appeal);
    return;
  }
  const command = u.command;
  if (command) return staffAction(ctx, u.chat.id, u.from, (s) => staffCommand(s, command));
  if (role === 'staff') return politely(ctx, u.chat.id, () => staffMessage(ctx, u));
}

export function createTelegramInboxHandler(deps: CoreDeps, settings: TelegramSettings): InboxHandler {
  const roleOf = chatRoles(deps, settings);
  return async (events: InboxEvent[], tx: Repositories) => {
    // Residents' reports are registered in runs, so a burst of messages becomes one appeal in one go.
    let pending: InboundMessage[] = [];
    const flush = async (ctx: TgContext) => {
      await registerReports(ctx, pending);
      pending = [];
    };
    for (const e of events) {
      const ctx: TgContext = { deps, settings, tx, eventId: e.id };
      const u = parseUpdate(e.payload, e.receivedAt);
      const chat = u.type === 'ignored' ? null : u.chat;
      const role = chat ? roleOf(chat.id, chat.private) : null;
      const report = u.type === 'message' && role === 'resident' && !readsState(u);
      // Anything else may depend on those reports (e.g. /status), so they are registered first.
      if (!report) await flush(ctx);
      await route(ctx, u, role, pending);
    }
    if (events.length) await flush({ deps, settings, tx, eventId: events.at(-1)!.id });
  };
}
