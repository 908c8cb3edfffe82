/**
 * The public answer to an incident on the community's own wall: `wall.createComment` from the
 * community. `guid` comes from the outbox row, so a retry of a comment VK already took is not posted twice.
 */
import type { API } from 'vk-io';
import type { OutboxMessage } from '../../core/ports.ts';
import { SendError, type SendFailure } from '../../core/retry.ts';
import { classifySendError, describeError, vkErrorCode } from './errors.ts';

export { WALL_COMMENT_KIND } from '../../core/monitor/public-answer.ts';

/** VK's limit for a comment is 16 000 characters; answers are far shorter, the cap is a guard. */
const MAX_COMMENT = 16_000;

/**
 * Refusals no retry heals for this comment, worded for the staff who must then answer by hand (the
 * reason reaches their chat). Without this they would be retried for hours as unknown errors.
 */
const WALL_REFUSALS: Readonly<Record<number, string>> = {
  5: 'ВКонтакте не принял ключ сообщества',
  7: 'у ключа сообщества нет права комментировать',
  15: 'доступ к записи запрещён',
  27: 'ключ сообщества не подходит для комментариев',
  100: 'запись не найдена, возможно, удалена',
  210: 'запись недоступна, возможно, удалена',
  211: 'комментарий недоступен',
  212: 'комментарии к записи закрыты',
  213: 'комментарии к записи закрыты',
  222: 'ссылки в комментариях запрещены',
};

export function classifyWallCommentError(error: unknown): SendFailure {
  const code = vkErrorCode(error);
  const refusal = code === null ? undefined : WALL_REFUSALS[code];
  return refusal ? { kind: 'permanent', reason: `${refusal} (ошибка VK ${code})` } : classifySendError(error);
}

export async function sendWallComment(api: API, m: OutboxMessage): Promise<string> {
  const ownerId = Number(m.payload.ownerId);
  const postId = Number(m.payload.postId);
  const message = String(m.payload.message ?? '').slice(0, MAX_COMMENT);
  if (!Number.isSafeInteger(ownerId) || ownerId >= 0 || !Number.isSafeInteger(postId) || !message) {
    throw new SendError('vk wall comment: malformed payload', {
      kind: 'permanent',
      reason: 'повреждённая запись в очереди отправки',
    });
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
      classifyWallCommentError(error),
      { cause: error },
    );
  }
}
