import { describe, expect, it } from 'vitest';
import { backoffDelayMs, linkedSignal, type RetryPolicy } from '../../src/core/retry.ts';
import { sanitizeText } from '../../src/core/text/sanitize.ts';

describe('sanitizeText', () => {
  it('when a text is clean, then it is kept as is with no notes', () => {
    expect(sanitizeText('Яма у дома 5')).toEqual({ text: 'Яма у дома 5', notes: [] });
  });

  it('when a text has CRLF, trailing spaces and many blank lines, then they are tidied without a note', () => {
    expect(sanitizeText('  строка 1  \r\n\r\n\r\n\r\nстрока 2\t\n')).toEqual({
      text: 'строка 1\n\nстрока 2',
      notes: [],
    });
  });

  it('when a cut would split a surrogate pair, then the whole emoji is dropped rather than half of it', () => {
    const text = `${'а'.repeat(9)}😀хвост`; // the emoji occupies positions 9 and 10
    const r = sanitizeText(text, 10);
    expect(r.text).toBe('а'.repeat(9));
    expect(r.notes).toEqual([`truncated from ${text.length} to 10 characters`]);
  });

  it('when tabs and newlines are present, then they are not counted as control characters', () => {
    expect(sanitizeText('а\tб\nв').notes).toEqual([]);
  });
});

describe('backoffDelayMs', () => {
  const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5_000 };

  it.each([
    { attempt: 1, expected: 1_000 },
    { attempt: 2, expected: 2_000 },
    { attempt: 3, expected: 4_000 },
    { attempt: 4, expected: 5_000 },
    { attempt: 9, expected: 5_000 },
  ])(
    'when attempt $attempt fails with no jitter, then the next waits $expected ms',
    ({ attempt, expected }) => {
      expect(backoffDelayMs(attempt, policy, () => 0.5)).toBe(expected);
    },
  );

  it('when jitter is at its extremes, then the delay stays within ±25 %', () => {
    expect(backoffDelayMs(2, policy, () => 0)).toBe(1_500);
    expect(backoffDelayMs(2, policy, () => 1)).toBe(2_500);
  });
});

describe('linked abort signals', () => {
  it('when a parent aborts, then the linked signal aborts; after dispose, the parent holds no listener', () => {
    const parent = new AbortController();
    let listeners = 0;
    const add = parent.signal.addEventListener.bind(parent.signal);
    const remove = parent.signal.removeEventListener.bind(parent.signal);
    parent.signal.addEventListener = (...a: Parameters<typeof add>) => {
      listeners += 1;
      add(...a);
    };
    parent.signal.removeEventListener = (...a: Parameters<typeof remove>) => {
      listeners -= 1;
      remove(...a);
    };
    const first = linkedSignal([parent.signal]);
    first.dispose();
    expect(listeners).toBe(0);
    const second = linkedSignal([parent.signal]);
    parent.abort(new Error('stop'));
    expect(second.signal.aborted).toBe(true);
    second.dispose();
  });

  it('when the timeout passes, then the linked signal aborts with a TimeoutError', async () => {
    const l = linkedSignal([], 10);
    await new Promise((r) => setTimeout(r, 30));
    expect(l.signal.aborted).toBe(true);
    expect((l.signal.reason as DOMException).name).toBe('TimeoutError');
    l.dispose();
  });
});
