/** A resident's private messages: commands and keywords answered here, the rest handed to the core. */
import type { InboundMessage } from '../../../core/appeals/intake.ts';
import {
  consentNotice,
  handleResidentMessages,
  residentAppeals,
  statusListText,
} from '../../../core/conversation/resident-inbound.ts';
import { CHANNEL, politely, say, type TgContext } from '../context.ts';
import { tgTexts } from '../texts.ts';
import type { ParsedMessage } from '../to-inbound.ts';

/** «официальное обращение», «59-ФЗ», «59 фз»: the resident wants a formal обращение. */
const FORMAL = /официальн\S*\s+обращени|59\s*-?\s*фз/i;
const MY_APPEALS = /^(мои обращения|статус)[.!?]*$/i;
/** A keyword message longer than this also carries a problem, which is registered as usual. */
const FORMAL_ONLY_MAX = 60;

export type ResidentStep = { appeal: InboundMessage } | { done: true };

/** Messages answered from the state of the resident's appeals: earlier reports must be registered first. */
export function readsState(m: ParsedMessage): boolean {
  return m.command !== null || MY_APPEALS.test(m.text);
}

async function statusReply(ctx: TgContext, m: ParsedMessage) {
  const appeals = await residentAppeals(ctx.tx, CHANNEL, m.from.id);
  await say(ctx, m.chat.id, statusListText(appeals));
}

async function command(ctx: TgContext, m: ParsedMessage, name: string) {
  if (name === 'start') {
    const resident = await ctx.tx.residents.findByExternal(CHANNEL, m.from.id);
    if (resident?.consentAt) return say(ctx, m.chat.id, tgTexts.welcomeBack(ctx.settings.municipality));
    const notice = consentNotice(ctx.deps, CHANNEL, m.chat.id);
    return ctx.tx.outbox.enqueue(notice, ctx.deps.clock.now());
  }
  if (name === 'status') return statusReply(ctx, m);
  if (name === 'formal') return say(ctx, m.chat.id, tgTexts.formal(ctx.settings.posUrl));
  // /help and any command we do not know.
  return say(ctx, m.chat.id, tgTexts.residentHelp());
}

/**
 * Answers what needs no appeal at once; returns the message for the core when it is a problem report,
 * so consecutive reports can be registered together (and merged, see mergeWindowMs).
 */
export async function residentMessage(ctx: TgContext, m: ParsedMessage): Promise<ResidentStep> {
  if (m.command) {
    await command(ctx, m, m.command.name);
    return { done: true };
  }
  if (MY_APPEALS.test(m.text)) {
    await statusReply(ctx, m);
    return { done: true };
  }
  if (FORMAL.test(m.text)) {
    await say(ctx, m.chat.id, tgTexts.formal(ctx.settings.posUrl));
    if (m.text.length <= FORMAL_ONLY_MAX) return { done: true };
  }
  if (!m.inbound) {
    // Stickers, voice, video notes, empty messages: we can only work with text.
    await say(ctx, m.chat.id, tgTexts.textPlease());
    return { done: true };
  }
  return { appeal: m.inbound };
}

/** Registers a run of reports; a lone report's domain error becomes a polite reply. */
export async function registerReports(ctx: TgContext, reports: InboundMessage[]) {
  if (reports.length === 0) return;
  const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
  // Several at once: an error fails the batch, and the inbox retries them one by one.
  if (reports.length > 1) return void (await handleResidentMessages(ctx.deps, ctx.tx, reports, options));
  await politely(ctx, reports[0]!.sender.chatId, async () => {
    await handleResidentMessages(ctx.deps, ctx.tx, reports, options);
  });
}
