/** A resident's messages: commands, keywords and buttons answered here, problem reports handed to the core. */
import type { InboundMessage } from '../../../core/appeals/intake.ts';
import {
  consentNotice,
  handleResidentMessages,
  residentAppeals,
  statusListText,
} from '../../../core/conversation/resident-inbound.ts';
import { politely, say, type VkContext } from '../context.ts';
import { CHANNEL } from '../receive.ts';
import { vkTexts } from '../texts.ts';
import type { VkMessage } from '../to-inbound.ts';
import { residentButton } from './buttons.ts';

/** «официальное обращение», «59-ФЗ», «59 фз»: the resident wants a formal обращение. */
const FORMAL = /официальн\S*\s+обращени|59\s*-?\s*фз/i;
const MY_APPEALS = /^(мои обращения|статус)[.!?]*$/i;
/** VK shows «Начать» to a new dialog; some clients send it as plain text. */
const START = /^(начать|start)$/i;
/** A keyword message longer than this also carries a problem, which is registered as usual. */
const FORMAL_ONLY_MAX = 60;

export type ResidentStep = { appeal: InboundMessage } | { done: true };

/** Messages answered from the state of the resident's appeals: earlier reports must be registered first. */
export function readsState(m: VkMessage): boolean {
  return m.button !== null || m.command !== null || MY_APPEALS.test(m.text) || START.test(m.text);
}

async function statusReply(ctx: VkContext, m: VkMessage) {
  const appeals = await residentAppeals(ctx.tx, CHANNEL, m.fromId);
  await say(ctx, m.peerId, statusListText(appeals));
}

async function start(ctx: VkContext, m: VkMessage) {
  const resident = await ctx.tx.residents.findByExternal(CHANNEL, m.fromId);
  if (resident?.consentAt) return say(ctx, m.peerId, vkTexts.welcomeBack(ctx.deps.settings.municipality));
  await ctx.tx.outbox.enqueue(consentNotice(ctx.deps, CHANNEL, m.peerId), ctx.deps.clock.now());
}

async function command(ctx: VkContext, m: VkMessage, name: string) {
  if (name === 'start') return start(ctx, m);
  if (name === 'status') return statusReply(ctx, m);
  if (name === 'formal') return say(ctx, m.peerId, vkTexts.formal(ctx.settings.posUrl));
  return say(ctx, m.peerId, vkTexts.help());
}

/** Our buttons first; an unknown payload (an old keyboard) falls through to the text it carries. */
async function button(ctx: VkContext, m: VkMessage, id: string): Promise<boolean> {
  if (id === 'start' || id === 'status') {
    await command(ctx, m, id);
    return true;
  }
  let handled = false;
  await politely(ctx, m.peerId, async () => {
    handled = await residentButton(ctx, m, id);
  });
  if (!handled) ctx.log.info({ peerId: m.peerId, button: id }, 'vk: unknown button, read as text');
  return handled;
}

/**
 * Answers what needs no appeal at once; returns the message for the core when it is a problem report,
 * so consecutive reports can be registered together (and merged, see mergeWindowMs).
 */
export async function residentMessage(ctx: VkContext, m: VkMessage): Promise<ResidentStep> {
  if (m.button && (await button(ctx, m, m.button))) return { done: true };
  const name = m.command ?? (MY_APPEALS.test(m.text) ? 'status' : START.test(m.text) ? 'start' : null);
  if (name) {
    await command(ctx, m, name);
    return { done: true };
  }
  if (FORMAL.test(m.text)) {
    await say(ctx, m.peerId, vkTexts.formal(ctx.settings.posUrl));
    if (m.text.length <= FORMAL_ONLY_MAX) return { done: true };
  }
  if (!m.inbound) {
    // Stickers, voice, audio, empty messages: we can only work with text, photos and documents.
    ctx.log.info({ peerId: m.peerId, kinds: m.unsupported }, 'vk: message without usable content');
    await say(ctx, m.peerId, vkTexts.textPlease());
    return { done: true };
  }
  return { appeal: m.inbound };
}

/** Registers a run of reports; a lone report's domain error becomes a polite reply. */
export async function registerReports(ctx: VkContext, reports: InboundMessage[]) {
  if (reports.length === 0) return;
  const options = { requireConsent: true, mergeWindowMs: ctx.settings.mergeWindowMs };
  // Several at once: an error fails the batch, and the inbox retries them one by one.
  if (reports.length > 1) return void (await handleResidentMessages(ctx.deps, ctx.tx, reports, options));
  await politely(ctx, reports[0]!.sender.chatId, async () => {
    await handleResidentMessages(ctx.deps, ctx.tx, reports, options);
  });
}
