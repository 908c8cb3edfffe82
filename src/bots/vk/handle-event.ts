/**
 * Interprets stored VK events inside the inbox transaction. Every VK dialog is a resident's (staff
 * work in the Telegram group), so this is the resident conversation only. It touches `tx` and the
 * outbox and nothing else: no network, no `deps.store`. Residents' names come from memory (`nameOf`).
 */
import type { InboundMessage } from '../../core/appeals/intake.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { InboxHandler } from '../../core/inbox/process-inbox.ts';
import type { InboxEvent, Repositories } from '../../core/ports.ts';
import { handleWallReply } from '../../monitor/wall-reply.ts';
import type { VkContext, VkLog } from './context.ts';
import { readsState, registerReports, residentMessage } from './resident/messages.ts';
import type { VkSettings } from './settings.ts';
import { parseVkEvent } from './to-inbound.ts';

const silent: VkLog = { info: () => {}, warn: () => {} };

export function createVkInboxHandler(
  deps: CoreDeps,
  settings: VkSettings,
  log: VkLog = silent,
  nameOf: (userId: string) => string | null = () => null,
): InboxHandler {
  return async (events: InboxEvent[], tx: Repositories) => {
    const ctx: VkContext = { deps, settings, tx, log };
    // Residents' reports are registered in runs, so a burst of messages becomes one appeal in one go.
    let pending: InboundMessage[] = [];
    const flush = async () => {
      await registerReports(ctx, pending);
      pending = [];
    };
    for (const e of events) {
      // A comment on the community's wall is a public appeal (the monitor's side of VK).
      if (await handleWallReply(deps, tx, e.payload, e.receivedAt)) continue;
      const m = parseVkEvent(e.payload, e.receivedAt, nameOf);
      if (m.type === 'ignored') {
        log.info({ inboxId: e.id, kind: e.kind, reason: m.reason }, 'vk: event ignored');
        continue;
      }
      // Buttons and /status may depend on those reports, and replies keep their order: register first.
      if (readsState(m) || !m.inbound) await flush();
      const step = await residentMessage(ctx, m);
      if ('appeal' in step) pending.push(step.appeal);
    }
    await flush();
  };
}
