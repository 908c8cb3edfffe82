/**
 * The public answer to an incident on the community's own wall: `wall.createComment` from the
 * community. `guid` comes from the outbox row, so a retry of a comment VK already took is not posted twice.
 */
import type { API } from 'vk-io';
import type { OutboxMessage } from '../../core/ports.ts';
import { SendError } from '../../core/retry.ts';
import { classifySendError, describeError } from './errors.ts';

export { WALL_COMMENT_KIND } from '../../core/monitor/public-answer.ts';

/** VK's limit for a comment is 16 000 characters; answers are far shorter, the cap is a guard. */
const MAX_COMMENT = 16_000;

export async function sendWallComment(api: API, m: OutboxMessage): Promise<string> {
  const ownerId = Number(m.payload.ownerId);
  const postId = Number(m.payload.postId);
  const message = String(m.payload.message ?? '').slice(0, MAX_COMMENT);
  if (!Number.isSafeInteger(ownerId) || ownerId >= 0 || !Number.isSafeInteger(postId) || !message) {
    throw new SendError('vk wall comment: malformed payload', { kind: 'permanent', reason: 'bad payload' });
  }
  try {
    const r = await api.wall.createComment({
      owner_id: ownerId,
      post_id: postId,
      from_group: -ownerId,
      message,
      guid: `mcu-${m.id}`,
    });
    return String(r.comment_id);
  } catch (error) {
    throw new SendError(
      `vk wall comment on ${ownerId}_${postId}: ${describeError(error)}`,
      classifySendError(error),
      {
        cause: error,
      },
    );
  }
}
