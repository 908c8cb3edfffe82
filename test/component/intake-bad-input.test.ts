import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeAppeal } from '../../src/core/appeals/intake.ts';
import type { Classification, Classifier } from '../../src/core/classification.ts';
import { inboundMessage, TEXTS } from '../support/factories.ts';
import { openTestEnv, type TestEnv } from '../support/harness.ts';

describe('intake of bad input', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv();
  });
  afterAll(() => env.close());

  const outboxTo = async (chatId: string) =>
    (await env.store.outbox.due(new Date('2100-01-01'), 10_000)).filter((m) => m.chatId === chatId);

  it.each([
    { what: 'an empty text', text: '' },
    { what: 'only whitespace', text: ' \n\t  \n' },
    { what: 'only control and zero-width characters', text: '\u0000\u200B\u202E\uFEFF' },
  ])('when a resident sends $what, then it is refused politely and no appeal is made', async ({ text }) => {
    const before = await env.store.db.appeal.count();
    const msg = inboundMessage({ text });
    const r = await intakeAppeal(env.deps, msg);
    expect(r).toEqual({ status: 'refused', reason: 'empty_text' });
    expect(await env.store.db.appeal.count()).toBe(before);
    const replies = await outboxTo(msg.sender.chatId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: 'telegram', kind: 'text', appealId: null });
    expect(String(replies[0]?.payload.text)).toMatch(/Пожалуйста, опишите проблему/);
  });

  it('when an empty text comes with a photo, then it is registered rather than refused', async () => {
    const r = await intakeAppeal(
      env.deps,
      inboundMessage({
        text: '',
        attachments: [{ kind: 'photo', ref: 'file-1' }],
        receivedAt: env.clock.now(),
      }),
    );
    expect(r.status).toBe('registered');
    if (r.status !== 'registered') return;
    expect(r.appeal.text).toBe('(без текста, см. вложения)');
    expect(await env.store.appeals.attachments(r.appeal.id)).toEqual([
      { kind: 'photo', ref: 'file-1', caption: undefined },
    ]);
  });

  it('when a text is over 10,000 characters, then it is truncated to 10,000 and the note says so', async () => {
    const long = `${TEXTS.pothole} ${'очень длинное описание ямы '.repeat(600)}`.trim();
    expect(long.length).toBeGreaterThan(10_000);
    const r = await intakeAppeal(env.deps, inboundMessage({ text: long, receivedAt: env.clock.now() }));
    expect(r.status).toBe('registered');
    if (r.status !== 'registered') return;
    const stored = await env.store.appeals.get(r.appeal.id);
    expect(stored?.text).toHaveLength(10_000);
    expect(stored?.text).toBe(long.slice(0, 10_000));
    expect(stored?.intakeNote).toBe(`truncated from ${long.length} to 10000 characters`);
  });

  it('when a text is exactly 10,000 characters, then it is kept whole with no note', async () => {
    const exact = `${TEXTS.pothole} ${'x'.repeat(10_000)}`.slice(0, 10_000);
    const r = await intakeAppeal(env.deps, inboundMessage({ text: exact, receivedAt: env.clock.now() }));
    if (r.status !== 'registered') throw new Error('refused');
    expect(r.appeal.text).toBe(exact);
    expect(r.appeal.intakeNote).toBeNull();
  });

  it('when a text has control characters, then they are stripped and the note records how many', async () => {
    const dirty = `На улице Ленина\u0007 огромная\u200B яма\u0000 на дороге\u202E`;
    const r = await intakeAppeal(env.deps, inboundMessage({ text: dirty, receivedAt: env.clock.now() }));
    if (r.status !== 'registered') throw new Error('refused');
    expect(r.appeal.text).toBe('На улице Ленина огромная яма на дороге');
    expect(r.appeal.intakeNote).toBe('removed 4 control characters');
  });

  it('when a text is gibberish the classifier cannot route, then the appeal goes to triage', async () => {
    const r = await intakeAppeal(
      env.deps,
      inboundMessage({ text: TEXTS.gibberish, receivedAt: env.clock.now() }),
    );
    if (r.status !== 'registered') throw new Error('refused');
    expect(r.classification.needsTriage).toBe(true);
    expect(r.appeal).toMatchObject({ status: 'triage', sector: 'other', spam: false });
  });

  it('when a text is advertising, then it is flagged as spam and goes to triage', async () => {
    const r = await intakeAppeal(env.deps, inboundMessage({ text: TEXTS.spam, receivedAt: env.clock.now() }));
    if (r.status !== 'registered') throw new Error('refused');
    expect(r.appeal).toMatchObject({ status: 'triage', spam: true });
  });

  it('when a confident classifier still says spam, then the appeal goes to triage; when not spam, it is new', async () => {
    const verdict = (spam: boolean): Classification => ({
      ...env.deps.classifier.classify(TEXTS.pothole),
      sector: 'roads',
      confidence: 0.99,
      needsTriage: false,
      spam,
    });
    let next = verdict(true);
    const fixed: Classifier = { version: 'fixed', classify: () => next };
    const deps = { ...env.deps, classifier: fixed };
    const spam = await intakeAppeal(deps, inboundMessage({ receivedAt: env.clock.now() }));
    next = verdict(false);
    const clean = await intakeAppeal(deps, inboundMessage({ receivedAt: env.clock.now() }));
    expect(spam.status === 'registered' && spam.appeal.status).toBe('triage');
    expect(clean.status === 'registered' && clean.appeal.status).toBe('new');
  });

  it('when the classifier names an unknown sector, then the appeal falls back to «other»', async () => {
    const base = env.deps.classifier.classify(TEXTS.pothole);
    const deps = {
      ...env.deps,
      classifier: {
        version: 'fixed',
        classify: () => ({ ...base, sector: 'martians' }),
      } satisfies Classifier,
    };
    const r = await intakeAppeal(deps, inboundMessage({ receivedAt: env.clock.now() }));
    expect(r.status === 'registered' && r.appeal.sector).toBe('other');
  });
});
