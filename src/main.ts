/**
 * The composition root: config → logger → store → classifier → core → adapters → http → worker.
 * Everything else receives what it needs from here.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import { configuredAdapters } from './bots/configured.ts';
import { ReloadableClassifier } from './classifier/reloadable.ts';
import type { Config } from './config/load.ts';
import { russianProductionCalendar } from './core/deadlines/calendar.ts';
import type { CoreDeps } from './core/deps.ts';
import { createInboxProcessor } from './core/inbox/process-inbox.ts';
import { createOutboxDrainer } from './core/outbox/drain-outbox.ts';
import {
  type ActivityTracker,
  type ChannelAdapter,
  type Clock,
  createActivityTracker,
  systemClock,
} from './core/ports.ts';
import { createCatalogue } from './core/sectors.ts';
import { createHttpApp, finishApp } from './http/create-server.ts';
import type { Logger } from './logger.ts';
import { type ScheduleSettings, startScheduler } from './runtime/scheduler.ts';
import { startWorker, type Worker } from './runtime/worker.ts';
import { createStore, type PrismaStore } from './store/create-store.ts';

export interface Service {
  deps: CoreDeps;
  store: PrismaStore;
  worker: Worker;
  activity: ActivityTracker;
  /** Bound address once listening (port 0 in tests picks a free one). */
  address(): { host: string; port: number };
  stop(): Promise<void>;
}

/** What a channel adapter is built with: the core, the HTTP app (for webhooks), and the worker's wake. */
export interface AdapterContext {
  config: Config;
  deps: CoreDeps;
  logger: Logger;
  activity: ActivityTracker;
  app: Express;
  /** Call after storing an inbound event, so the worker processes it at once. */
  wake: () => void;
}

export type AdapterFactory = (ctx: AdapterContext) => ChannelAdapter[];

export interface ServiceOptions {
  clock?: Clock;
  /** Channel adapters; by default those configured in the environment (see src/bots/). */
  adapters?: AdapterFactory;
}

const MODEL_POLL_MS = 5_000;

/** Digests, weekly notes and escalation run when the staff channel (Telegram) is configured. */
function startJobs(config: Config, deps: CoreDeps, logger: Logger, wake: () => void) {
  if (!config.env.TELEGRAM_BOT_TOKEN) return null;
  const settings: ScheduleSettings = {
    digestCron: config.env.DIGEST_CRON,
    weeklyCron: config.env.WEEKLY_CRON,
    escalationCron: config.env.ESCALATION_CRON,
    headChats: config.env.TELEGRAM_HEAD_CHAT_IDS.map((chatId) => ({ channel: 'telegram', chatId })),
  };
  return startScheduler(deps, settings, logger.child({ component: 'scheduler' }), wake);
}

/** Staff cards go to the Telegram staff group when the bot and the group are both configured. */
function staffChatOf(config: Config): CoreDeps['settings']['staffChat'] {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_STAFF_CHAT_ID: chatId } = config.env;
  return token && chatId ? { channel: 'telegram', chatId } : null;
}

export async function buildCoreDeps(
  config: Config,
  store: PrismaStore,
  logger: Logger,
  clock: Clock,
): Promise<CoreDeps> {
  // A model written by `mcu train` replaces the shipped one; a bad file is refused and logged.
  const classifier = new ReloadableClassifier({
    catalogue: config.sectors,
    gazetteer: config.file.gazetteer,
    threshold: config.file.classifier.triageThreshold,
    logger: logger.child({ component: 'classifier' }),
    modelFile: config.env.CLASSIFIER_MODEL_FILE,
  });
  await store.staff.sync(config.staff);
  return {
    store,
    classifier,
    catalogue: createCatalogue(config.sectors),
    calendar: russianProductionCalendar,
    clock,
    settings: {
      municipality: config.file.municipality.name,
      timeZone: config.file.municipality.timeZone,
      staffChat: staffChatOf(config),
      maxTextLength: config.file.intake.maxTextLength,
      publicAnswerLimitHours: config.file.monitor.publicAnswerLimitHours,
    },
  };
}

function listen(app: ReturnType<typeof createHttpApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const store = await createStore({ url: config.env.DATABASE_URL });
  const deps = await buildCoreDeps(config, store, logger, clock);
  const activity = createActivityTracker();
  let wake = () => {};
  const app = createHttpApp({ store, clock, activity, logger });
  const factory = options.adapters ?? configuredAdapters;
  const adapters = factory({ config, deps, logger, activity, app, wake: () => wake() });
  const handlers = Object.fromEntries(
    adapters.flatMap((a) => (a.inboxHandler ? [[a.name, a.inboxHandler]] : [])),
  );
  const senders = Object.fromEntries(adapters.flatMap((a) => (a.sender ? [[a.name, a.sender]] : [])));
  const inbox = createInboxProcessor(deps, handlers, { logger: logger.child({ component: 'inbox' }) });
  const outbox = createOutboxDrainer(deps, senders, { logger: logger.child({ component: 'outbox' }) });
  // With no sender at all, queued messages wait in the table for a channel to be configured; draining
  // them would only make every shutdown wait SHUTDOWN_TIMEOUT_MS for messages that cannot go out.
  const worker = startWorker(
    inbox,
    adapters.some((a) => a.sender) ? outbox : null,
    logger.child({ component: 'worker' }),
  );
  wake = worker.wake;
  finishApp(app, logger);
  // The running service picks up a retrained model without a restart.
  if (deps.classifier instanceof ReloadableClassifier) deps.classifier.watch(MODEL_POLL_MS);
  const scheduler = startJobs(config, deps, logger, () => wake());
  const server = await listen(app, config.env.HOST, config.env.PORT);
  for (const a of adapters) await a.start();
  logger.info(
    { port: (server.address() as { port: number }).port, adapters: adapters.map((a) => a.name) },
    'service started',
  );

  const stop = async () => {
    logger.info('stopping: intake first, then work in flight, then the outbox');
    await Promise.allSettled(adapters.map((a) => a.stop()));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await scheduler?.stop();
    if (deps.classifier instanceof ReloadableClassifier) deps.classifier.close();
    await worker.stop();
    // Best effort: whatever cannot be finished now stays in the tables for the next start.
    await worker.drainInboxNow().catch((err: unknown) => logger.error({ err }, 'could not finish the inbox'));
    await worker
      .flushOutbox(config.env.SHUTDOWN_TIMEOUT_MS)
      .catch((err: unknown) => logger.error({ err }, 'could not flush the outbox'));
    await store.close();
    logger.info('stopped');
  };
  const address = () => {
    const a = server.address() as { address: string; port: number };
    return { host: a.address, port: a.port };
  };
  return { deps, store, worker, activity, address, stop };
}
