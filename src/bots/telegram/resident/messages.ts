/** A resident's private messages: the shared resident dialogue reads them; problem reports go to the core. */
import type { InboundMessage } from '../../../core/appeals/intake.ts';
import {
  readsState as intentReadsState,
  type ResidentStep,
  residentIntent,
  residentStep,
} from '../../../core/conversation/resident-intents.ts';
import { registerReports as registerResidentReports } from '../../shared/resident-reports.ts';
import { CHANNEL, politely, type TgContext } from '../context.ts';
import { tgResidentWording } from '../texts.ts';
import type { ParsedMessage } from '../to-inbound.ts';

function intentOf(m: ParsedMessage) {
  return residentIntent(m.text, m.command?.name ?? null);
}

/** Messages answered from the state of the resident's appeals: earlier reports must be registered first. */
export function readsState(m: ParsedMessage): boolean {
  return intentReadsState(intentOf(m));
}

/** Answers what needs no appeal at once; returns a problem report for registerReports. */
export async function residentMessage(ctx: TgContext, m: ParsedMessage): Promise<ResidentStep> {
  const chat = { channel: CHANNEL, externalId: m.from.id, chatId: m.chat.id };
  const message = { intent: intentOf(m), inbound: m.inbound };
  const { municipality, posUrl } = ctx.settings;
  return residentStep(ctx.deps, ctx.tx, chat, message, { municipality, posUrl, wording: tgResidentWording });
}

/** Registers a run of reports; a lone report's domain error becomes a polite reply. */
export async function registerReports(ctx: TgContext, reports: InboundMessage[]) {
  await registerResidentReports(ctx, reports, ctx.settings.mergeWindowMs, (chatId, step) =>
    politely(ctx, chatId, step),
  );
}
