/**
 * Timed jobs (node-cron, in the municipality's time zone, never overlapping): the daily digest and
 * the weekly note for the head, and escalation of due-soon and overdue work. Each job only writes
 * to the outbox; the worker sends. node-cron's own warnings go to the job's logger (cron-log.ts).
 */
import { type ScheduledTask, validate } from 'node-cron';
import { escalate } from '../core/deadlines/escalate.ts';
import type { CoreDeps } from '../core/deps.ts';
import { toChat } from '../core/notify.ts';
import { buildDigest } from '../core/reports/digest.ts';
import { renderDigestRu } from '../core/reports/render-ru.ts';
import type { Logger } from '../logger.ts';
import { scheduleLogged } from './cron-log.ts';

export interface ScheduleSettings {
  digestCron: string;
  weeklyCron: string;
  escalationCron: string;
  /** Where digests go: channel and chat ids (the head's private chats). */
  headChats: Array<{ channel: string; chatId: string }>;
}

export async function sendDigest(
  deps: CoreDeps,
  kind: 'daily' | 'weekly',
  chats: ScheduleSettings['headChats'],
) {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const text = renderDigestRu(deps, await buildDigest(deps, tx, { kind, now }));
    // One digest per chat and period, even if the job fires twice (restart at 09:00).
    const stamp = now.toISOString().slice(0, 13);
    for (const c of chats)
      await tx.outbox.enqueue(toChat(c.channel, c.chatId, text, `digest:${kind}:${c.chatId}:${stamp}`), now);
  });
}

export function startScheduler(deps: CoreDeps, s: ScheduleSettings, logger: Logger, wake: () => void) {
  for (const [name, expr] of Object.entries({
    digest: s.digestCron,
    weekly: s.weeklyCron,
    escalation: s.escalationCron,
  })) {
    if (!validate(expr)) throw new Error(`invalid cron expression for ${name}: ${expr}`);
  }
  const options = { timezone: deps.settings.timeZone, noOverlap: true };
  const job = (name: string, expr: string, work: () => Promise<unknown>) => {
    const log = logger.child({ job: name });
    const run = async () => {
      try {
        const result = await work();
        log.info({ result }, 'job done');
        wake();
      } catch (error) {
        log.error({ err: error }, 'job failed');
      }
    };
    return scheduleLogged(expr, run, { ...options, name }, log);
  };
  const tasks: ScheduledTask[] = [
    job('digest', s.digestCron, () => sendDigest(deps, 'daily', s.headChats)),
    job('weekly', s.weeklyCron, () => sendDigest(deps, 'weekly', s.headChats)),
    job('escalation', s.escalationCron, () =>
      deps.store.transaction((tx) => escalate(deps, tx, deps.clock.now())),
    ),
  ];
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
