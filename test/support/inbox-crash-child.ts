/**
 * Child process of the inbox crash test: stores `count` events, then drains the inbox one event
 * per transaction with a pause inside each transaction, printing «done <n>» after each. The test
 * kills it with SIGKILL part-way through.
 *
 * Usage: node --import tsx test/support/inbox-crash-child.ts <db-url> <count>
 */
import { createInboxProcessor, type InboxHandler } from '../../src/core/inbox/process-inbox.ts';
import { sleep } from '../../src/core/retry.ts';
import { createStore } from '../../src/store/create-store.ts';
import { intakeHandler, TEXTS, textPayload } from './factories.ts';
import { testClock, testDeps } from './harness.ts';

const [url, countArg] = process.argv.slice(2);
if (!url || !countArg) throw new Error('usage: inbox-crash-child.ts <db-url> <count>');
const count = Number(countArg);

const store = await createStore({ url });
const clock = testClock();
// Where the staff cards go is of no interest here: they stay in the outbox.
const deps = testDeps(store, clock, { municipality: 'Тест', staffChat: null });

for (let i = 0; i < count; i++) {
  await store.inbox.put({
    channel: 'telegram',
    externalId: `crash-${i}`,
    kind: 'message',
    payload: textPayload(`${TEXTS.pothole} событие ${i}`, `u${i}`),
    receivedAt: clock.now(),
  });
}
process.stdout.write(`stored ${count}\n`);

const intake = intakeHandler(deps);
// Slow inside the transaction, so a kill is likely to land while one is open.
const slow: InboxHandler = async (events, tx) => {
  await intake(events, tx);
  await sleep(15);
};
const processor = createInboxProcessor(
  deps,
  { telegram: slow },
  {
    batchSize: 1,
    logger: { warn: () => {}, error: () => {} },
  },
);
let done = 0;
for (;;) {
  const r = await processor.drainOnce();
  if (r.done === 0 && r.failed === 0) break;
  done += r.done;
  process.stdout.write(`done ${done}\n`);
  await sleep(5);
}
process.stdout.write('finished\n');
await store.close();
