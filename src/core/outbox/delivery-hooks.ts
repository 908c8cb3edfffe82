/**
 * What the core does when the outbox learns a message's fate. Most messages need nothing; a few
 * record a fact only the channel's confirmation makes true (a wall comment is the public answer to
 * an incident only once VK has posted it). Hooks run in the same transaction that marks the row,
 * so the fact and the row's status never disagree.
 */
import type { CoreDeps } from '../deps.ts';
import { WALL_COMMENT_KIND } from '../monitor/public-answer.ts';
import { wallCommentDelivery } from '../monitor/wall-comment-delivery.ts';
import type { OutboxMessage, Repositories } from '../ports.ts';

/** Why a message was given up: the sender's permanent reason, or null when the attempts ran out. */
export interface DeadInfo {
  reason: string | null;
  /** The last error as the sender reported it. */
  error: string;
}

export interface DeliveryHook {
  /** The channel took the message; `externalId` is its id there (VK's comment id). */
  onSent(
    deps: CoreDeps,
    tx: Repositories,
    m: OutboxMessage,
    externalId: string | null,
    at: Date,
  ): Promise<void>;
  /** The message will never be sent. */
  onDead(deps: CoreDeps, tx: Repositories, m: OutboxMessage, dead: DeadInfo, at: Date): Promise<void>;
}

/** Hooks by outbox kind. */
export const DELIVERY_HOOKS: Readonly<Record<string, DeliveryHook>> = {
  [WALL_COMMENT_KIND]: wallCommentDelivery,
};
