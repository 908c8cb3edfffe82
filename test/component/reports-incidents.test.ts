import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeMessages } from '../../src/core/appeals/intake.ts';
import { rejectAppeal } from '../../src/core/appeals/staff-actions.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import type { Appeal } from '../../src/core/model.ts';
import { confirmPublished, WALL_COMMENT_KIND } from '../../src/core/monitor/public-answer.ts';
import { wallCommentDelivery } from '../../src/core/monitor/wall-comment-delivery.ts';
import type { OutboxMessage } from '../../src/core/ports.ts';
import { buildDigest } from '../../src/core/reports/digest.ts';
import { renderDigestRu } from '../../src/core/reports/render-ru.ts';
import { registerAppeal, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

// Digests at 09:00 Moscow: the day is 10 March 06:00Z – 11 March 06:00Z, the week from 4 March 06:00Z.
const DIGEST_AT = '2026-03-11T06:00:00Z';

describe('digests: the incidents block', () => {
  let env: TestEnv;

  /** A monitor incident for a post published at `postedAt`, processed at `createdAt`. */
  async function incident(postedAt: string, createdAt: string): Promise<Appeal> {
    env.clock.set(createdAt);
    const [r] = await env.store.transaction((tx) =>
      intakeMessages(env.deps, tx, [
        {
          channel: 'monitor',
          kind: 'incident',
          sender: { externalId: 'vk:author', chatId: 'https://vk.com/wall-777_1' },
          text: TEXTS.leak,
          receivedAt: new Date(postedAt),
        },
      ]),
    );
    if (r?.status !== 'registered') throw new Error('the incident was not registered');
    return r.appeal;
  }

  /** Staff pressed «Ответ опубликован» at `at`. */
  async function publishedByHand(a: Appeal, at: string) {
    env.clock.set(at);
    await env.store.transaction((tx) => confirmPublished(env.deps, tx, a.id, 'petrov'));
  }

  /** The outbox's word on a wall comment for `a` at `at`. */
  async function wallComment(a: Appeal, at: string, fate: 'sent' | 'dead') {
    const m: OutboxMessage = {
      id: a.id * 100,
      channel: 'vk',
      chatId: '-777',
      kind: WALL_COMMENT_KIND,
      payload: {
        ownerId: -777,
        postId: 1,
        message: 'Ответ',
        postUrl: 'https://vk.com/wall-777_1',
        by: 'staff:petrov',
      },
      appealId: a.id,
      status: 'pending',
      attempts: 1,
      lastError: null,
      createdAt: new Date(at),
      externalId: null,
    };
    await env.store.transaction((tx) =>
      fate === 'sent'
        ? wallCommentDelivery.onSent(env.deps, tx, m, '9001', new Date(at))
        : wallCommentDelivery.onDead(
            env.deps,
            tx,
            m,
            { reason: 'комментарии закрыты', error: '15' },
            new Date(at),
          ),
    );
  }

  const digest = (kind: 'daily' | 'weekly', now = DIGEST_AT, deps: CoreDeps = env.deps) =>
    env.store.transaction((tx) => buildDigest(deps, tx, { kind, now: new Date(now) }));

  beforeAll(async () => {
    env = await openTestEnv();
    // The week before: answered in 2 h, and one answered in 8 h but only after that week ended.
    await publishedByHand(
      await incident('2026-03-03T10:00:00Z', '2026-03-03T10:05:00Z'),
      '2026-03-03T12:00:00Z',
    );
    await publishedByHand(
      await incident('2026-03-04T00:00:00Z', '2026-03-04T00:05:00Z'),
      '2026-03-04T08:00:00Z',
    );
    // The day: answered by hand 1 h after the post.
    await publishedByHand(
      await incident('2026-03-10T06:30:00Z', '2026-03-10T06:35:00Z'),
      '2026-03-10T07:30:00Z',
    );
    // A late-night post found hours later; the community's comment confirmed 30 h after the post.
    await wallComment(
      await incident('2026-03-09T23:00:00Z', '2026-03-10T07:00:00Z'),
      '2026-03-11T05:00:00Z',
      'sent',
    );
    // A comment VK refused is no answer: 25 h after its post at digest time, still unanswered.
    await wallComment(
      await incident('2026-03-10T05:00:00Z', '2026-03-10T06:20:00Z'),
      '2026-03-10T10:00:00Z',
      'dead',
    );
    // Marked spam: no answer is owed.
    const spam = await incident('2026-03-10T09:00:00Z', '2026-03-10T09:05:00Z');
    env.clock.set('2026-03-10T09:30:00Z');
    await env.store.transaction((tx) => rejectAppeal(env.deps, tx, spam.id, 'spam', 'petrov'));
    // A resident's message is not an incident.
    env.clock.set('2026-03-10T08:00:00Z');
    await registerAppeal(env.deps, { text: TEXTS.pothole });
  });
  afterAll(() => env.close());

  it('when incidents were answered at 1 h and 30 h and one is unanswered past 24 h, then the daily digest counts them from the post', async () => {
    const d = await digest('daily');
    expect(d.created).toBe(5);
    expect(d.incidents).toEqual({
      created: 4,
      answered: 2,
      medianHours: 15.5,
      p90Hours: expect.closeTo(27.1, 9),
      answeredLate: 1,
      unanswered: 1,
      unansweredPastLimit: 1,
      dismissed: 1,
      limitHours: 24,
      previous: null,
    });
    const text = renderDigestRu(env.deps, d);
    expect(text).toContain(
      [
        'Инциденты в соцсетях (публичный ответ под публикацией):',
        '• Поступило: 4',
        '• С публичным ответом: 2',
        '• От публикации до ответа: медиана 15,5 ч, 90 % ответов — не позже 27,1 ч',
        '• Ответ позже 24 ч: 1',
        '• Без ответа: 1, из них дольше 24 ч: 1',
        '• Сняты как спам или дубли: 1',
        '',
        'По направлениям',
      ].join('\n'),
    );
    expect(text).not.toMatch(/vk\.com|author/);
  });

  it('when the weekly note is built, then the count and the median are compared with the week before as it stood then', async () => {
    const d = await digest('weekly');
    expect(d.incidents).toMatchObject({ created: 4, answered: 2, medianHours: 15.5 });
    // The 8 h answer came after that week ended: its median stays 2 h, as last week's note said.
    expect(d.incidents!.previous).toEqual({ created: 2, medianHours: 2 });
    const text = renderDigestRu(env.deps, d);
    expect(text).toContain('• Поступило: 4 (+100 % к прошлой неделе)');
    expect(text).toContain(
      '• От публикации до ответа: медиана 15,5 ч (+675 % к прошлой неделе), 90 % ответов — не позже 27,1 ч',
    );
  });

  it('when the limit is set to 36 h, then neither the 30 h answer nor the 25 h wait counts as late', async () => {
    const deps = { ...env.deps, settings: { ...env.deps.settings, publicAnswerLimitHours: 36 } };
    const d = await digest('daily', DIGEST_AT, deps);
    expect(d.incidents).toMatchObject({
      answeredLate: 0,
      unanswered: 1,
      unansweredPastLimit: 0,
      limitHours: 36,
    });
    const text = renderDigestRu(deps, d);
    expect(text).toContain('• Ответ позже 36 ч: 0');
    expect(text).toContain('• Без ответа: 1, из них дольше 36 ч: 0');
  });

  it('when no incident was created in the period, then neither digest has the block', async () => {
    env.clock.set('2026-03-19T10:00:00Z');
    await registerAppeal(env.deps, { text: TEXTS.garbage });
    for (const kind of ['daily', 'weekly'] as const) {
      const d = await digest(kind, '2026-03-20T06:00:00Z');
      expect(d.created).toBe(1);
      expect(d.incidents).toBeNull();
      expect(renderDigestRu(env.deps, d)).not.toContain('Инциденты');
    }
  });
});
