/** A resident's messages: buttons and «Начать» read here, the rest by the shared resident dialogue. */
import type { InboundMessage } from '../../../core/appeals/intake.ts';
import {
  answerResidentIntent,
  readsState as intentReadsState,
  type ResidentDialogSettings,
  type ResidentStep,
  residentIntent,
  residentStep,
} from '../../../core/conversation/resident-intents.ts';
import { registerReports as registerResidentReports } from '../../shared/resident-reports.ts';
import { politely, type VkContext } from '../context.ts';
import { CHANNEL } from '../receive.ts';
import { vkResidentWording } from '../texts.ts';
import type { VkMessage } from '../to-inbound.ts';
import { residentButton } from './buttons.ts';

/** VK shows «Начать» to a new dialog; some clients send it as plain text. */
const START = /^(начать|start)$/i;

function intentOf(m: VkMessage) {
  return residentIntent(m.text, m.command ?? (START.test(m.text) ? 'start' : null));
}

/** Messages answered from the state of the resident's appeals: earlier reports must be registered first. */
export function readsState(m: VkMessage): boolean {
  return m.button !== null || intentReadsState(intentOf(m));
}

function dialogSettings(ctx: VkContext): ResidentDialogSettings {
  return {
    municipality: ctx.deps.settings.municipality,
    posUrl: ctx.settings.posUrl,
    wording: vkResidentWording,
  };
}

function chatOf(m: VkMessage) {
  return { channel: CHANNEL, externalId: m.fromId, chatId: m.peerId };
}

/** Our buttons first; an unknown payload (an old keyboard) falls through to the text it carries. */
async function button(ctx: VkContext, m: VkMessage, id: string): Promise<boolean> {
  if (id === 'start' || id === 'status') {
    await answerResidentIntent(ctx.deps, ctx.tx, chatOf(m), id, dialogSettings(ctx));
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
 * A new resident's record is created with the name we know (names.ts); one created before the name
 * was known gets it here, since creating a record never changes an existing one.
 */
async function rememberName(ctx: VkContext, m: VkMessage) {
  if (!m.name) return;
  const resident = await ctx.tx.residents.findByExternal(CHANNEL, m.fromId);
  if (resident && !resident.name) await ctx.tx.residents.update(resident.id, { name: m.name });
}

/** Answers what needs no appeal at once; returns a problem report for registerReports. */
export async function residentMessage(ctx: VkContext, m: VkMessage): Promise<ResidentStep> {
  await rememberName(ctx, m);
  if (m.button && (await button(ctx, m, m.button))) return { done: true };
  const message = { intent: intentOf(m), inbound: m.inbound };
  const step = await residentStep(ctx.deps, ctx.tx, chatOf(m), message, dialogSettings(ctx));
  if ('unreadable' in step) {
    // Stickers, voice, audio, empty messages: we can only work with text, photos and documents.
    ctx.log.info({ peerId: m.peerId, kinds: m.unsupported }, 'vk: message without usable content');
  }
  return step;
}

/** Registers a run of reports; a lone report's domain error becomes a polite reply. */
export async function registerReports(ctx: VkContext, reports: InboundMessage[]) {
  await registerResidentReports(ctx, reports, ctx.settings.mergeWindowMs, (chatId, step) =>
    politely(ctx, chatId, step),
  );
}
