/**
 * Delivers what the outbox holds for VK: texts to residents' dialogs, with the buttons as a keyboard.
 * `random_id` comes from the outbox row, so a retry of a send VK already took is dropped by VK itself
 * rather than shown twice. Failures become SendErrors the outbox knows how to treat.
 */
import type { API } from 'vk-io';
import type { ChannelSender } from '../../core/outbox/drain-outbox.ts';
import type { OutboxMessage } from '../../core/ports.ts';
import { linkedSignal, SendError } from '../../core/retry.ts';
import type { Button } from '../../core/texts-ru.ts';
import type { Logger } from '../../logger.ts';
import { classifySendError, describeError, VK_ERRORS, vkErrorCode } from './errors.ts';
import { keyboardFor } from './keyboard.ts';
import type { VkSettings } from './settings.ts';
import { sendWallComment, WALL_COMMENT_KIND } from './wall-comment.ts';

/** VK refuses longer messages (error 914). */
const MAX_TEXT = 4096;
/** A send that hangs this long is given up and retried later (with the same random_id). */
const SEND_TIMEOUT_MS = 30_000;
const INT32_MAX = 2_147_483_647;

export function fitText(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** A positive int32, the same for every attempt of one outbox row. */
export function randomIdOf(outboxId: number): number {
  return ((outboxId - 1) % (INT32_MAX - 1)) + 1;
}

function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const limit = linkedSignal([signal], SEND_TIMEOUT_MS);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error('vk send aborted or timed out'));
    if (limit.signal.aborted) return abort();
    limit.signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => {
      limit.signal.removeEventListener('abort', abort);
      limit.dispose();
    });
  });
}

export function createVkSender(
  api: API,
  settings: Pick<VkSettings, 'perPeerIntervalMs'>,
  logger: Logger,
): ChannelSender {
  async function sendText(m: OutboxMessage, signal: AbortSignal): Promise<string> {
    const buttons = (m.payload.buttons as Button[][] | undefined) ?? [];
    const params = {
      peer_id: Number(m.chatId),
      random_id: randomIdOf(m.id),
      message: fitText(String(m.payload.text ?? '')),
      dont_parse_links: 1,
    };
    try {
      return String(await bounded(api.messages.send({ ...params, keyboard: keyboardFor(buttons) }), signal));
    } catch (error) {
      const code = vkErrorCode(error);
      if (code !== VK_ERRORS.keyboardFormat && code !== VK_ERRORS.botFeaturesOff) throw error;
      // Bot features off in the community, or a client without keyboards: the text still matters.
      logger.warn({ outboxId: m.id, code }, 'vk: keyboard refused, sending the text alone');
      return String(await bounded(api.messages.send(params), signal));
    }
  }

  return {
    async send(m, signal) {
      // The monitor's public answer to an incident on the community's own wall.
      if (m.kind === WALL_COMMENT_KIND) return bounded(sendWallComment(api, m), signal);
      if (m.kind !== 'text') {
        // Staff cards live in the Telegram group; a VK card would be a wiring mistake upstream.
        throw new SendError(`vk cannot send outbox kind «${m.kind}»`, {
          kind: 'permanent',
          reason: 'unknown kind',
        });
      }
      try {
        return await sendText(m, signal);
      } catch (error) {
        const failure = classifySendError(error);
        throw new SendError(`vk text to ${m.chatId}: ${describeError(error)}`, failure, { cause: error });
      }
    },
    minIntervalMs: () => settings.perPeerIntervalMs,
  };
}
