/** Handing a run of residents' problem reports to the core, the same for every channel. */
import type { InboundMessage } from '../../core/appeals/intake.ts';
import { handleResidentMessages } from '../../core/conversation/resident-inbound.ts';
import type { ReplyScope } from './reply.ts';

/** The channel's `politely`, bound to its context: runs a step, answering a domain error in `chatId`. */
export type Politely = (chatId: string, step: () => Promise<void>) => Promise<void>;

/** Registers a run of reports; a lone report's domain error becomes a polite reply. */
export async function registerReports(
  scope: ReplyScope,
  reports: InboundMessage[],
  mergeWindowMs: number,
  politely: Politely,
) {
  if (reports.length === 0) return;
  const options = { requireConsent: true, mergeWindowMs };
  // Several at once: an error fails the batch, and the inbox retries them one by one.
  if (reports.length > 1) return void (await handleResidentMessages(scope.deps, scope.tx, reports, options));
  await politely(reports[0]!.sender.chatId, async () => {
    await handleResidentMessages(scope.deps, scope.tx, reports, options);
  });
}
