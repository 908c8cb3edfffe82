/**
 * node-cron with our logs. Left alone, node-cron 4 writes coloured lines straight to the console
 * («task still running…», «missed execution…», task errors). Each task gets its own logger option
 * instead (per task, so nothing global is patched), and its overlap and missed-run events become
 * structured pino warnings of the job's child logger.
 */
import {
  type Logger as CronLogger,
  type ScheduledTask,
  schedule,
  type TaskContext,
  type TaskFn,
  type TaskOptions,
} from 'node-cron';
import type { Logger } from '../logger.ts';

const SOURCE = { source: 'node-cron' };

/**
 * node-cron's logger, backed by pino. Its only warnings are the overlap and the missed run, which the
 * events below report with the slot and the job; the library's own wording is kept at debug so the
 * same thing is not said twice at warn.
 */
export function cronLogger(log: Logger): CronLogger {
  const error = (message: string | Error, err?: Error) =>
    message instanceof Error
      ? log.error({ ...SOURCE, err: message }, 'node-cron: task error')
      : log.error({ ...SOURCE, err }, `node-cron: ${message}`);
  return {
    info: (message) => log.debug(SOURCE, `node-cron: ${message}`),
    warn: (message) => log.debug(SOURCE, `node-cron: ${message}`),
    error,
    debug: (message, err) => log.debug({ ...SOURCE, err }, `node-cron: ${String(message)}`),
  };
}

const slotOf = (c: TaskContext) => c.date.toISOString();

/**
 * schedule() with the logger option and the two warnings. Listening to `execution:missed` is also
 * what makes node-cron skip its own console warning for it.
 */
export function scheduleLogged(
  expression: string,
  fn: TaskFn,
  options: Omit<TaskOptions, 'logger'>,
  log: Logger,
): ScheduledTask {
  const task = schedule(expression, fn, { ...options, logger: cronLogger(log) });
  // The first beat is a timer away, so listening right after schedule() misses nothing.
  task.on('execution:overlap', (c) => {
    log.warn({ slot: slotOf(c) }, 'job still running; this run is skipped');
  });
  task.on('execution:missed', (c) => {
    log.warn({ slot: slotOf(c) }, 'job run missed: the process was busy or asleep at its time');
  });
  return task;
}
