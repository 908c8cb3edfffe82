/**
 * A fake channel (Telegram/VK): records every send attempt and fails on demand with the
 * failures the outbox must handle (rate_limited, transient, permanent).
 */
import type { ChannelSender } from '../../src/core/outbox/drain-outbox.ts';
import type { OutboxMessage } from '../../src/core/ports.ts';
import { SendError, type SendFailure } from '../../src/core/retry.ts';

export interface SendAttempt {
  id: number;
  chatId: string;
  text: unknown;
  ok: boolean;
}

export class RecordingSender implements ChannelSender {
  /** Every attempt, successful or not, in call order. */
  readonly attempts: SendAttempt[] = [];
  private readonly failures: SendFailure[] = [];
  private failAlways: SendFailure | null = null;
  private nextExternalId = 1;

  constructor(private readonly intervalMs: number | ((chatId: string) => number) = 0) {}

  /** The next sends fail with these failures, one each, then sends succeed again. */
  failNext(...failures: SendFailure[]): this {
    this.failures.push(...failures);
    return this;
  }

  /** Every send fails with this failure until `recover()`. */
  failEveryTime(failure: SendFailure): this {
    this.failAlways = failure;
    return this;
  }

  recover(): this {
    this.failAlways = null;
    this.failures.length = 0;
    return this;
  }

  /** Ids of the messages delivered, in delivery order. */
  get delivered(): number[] {
    return this.attempts.filter((a) => a.ok).map((a) => a.id);
  }

  async send(message: OutboxMessage): Promise<string | null> {
    const failure = this.failures.shift() ?? this.failAlways;
    this.attempts.push({ id: message.id, chatId: message.chatId, text: message.payload.text, ok: !failure });
    if (failure) throw new SendError(`fake ${failure.kind} failure`, failure);
    return String(this.nextExternalId++);
  }

  minIntervalMs(chatId: string): number {
    return typeof this.intervalMs === 'function' ? this.intervalMs(chatId) : this.intervalMs;
  }
}
