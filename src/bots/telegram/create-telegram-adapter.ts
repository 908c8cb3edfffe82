/**
 * The Telegram channel: receives updates (long polling by default, a webhook when configured) into
 * the inbox, interprets them in the inbox handler, and sends the outbox through the Bot API.
 */
import { Telegraf } from 'telegraf';
import type { ChannelAdapter } from '../../core/ports.ts';
import type { AdapterContext } from '../../main.ts';
import { setupRetry } from '../shared/setup-retry.ts';
import { describeError } from './errors.ts';
import { createTelegramInboxHandler } from './handle-update.ts';
import { type PollingOptions, pollUpdates } from './polling.ts';
import { CHANNEL, createReceiver, installMiddleware } from './receive.ts';
import { createTelegramSender } from './sender.ts';
import type { TelegramSettings } from './settings.ts';
import { mountWebhook, type WebhookRoute } from './webhook.ts';

/** Menu commands; a server without setMyCommands (the emulator answers 500) just has no menu. */
const COMMANDS = [
  { command: 'start', description: 'Начать: согласие и подача обращения' },
  { command: 'help', description: 'Как подать обращение' },
];

export interface TelegramAdapterOptions {
  token?: string;
  polling?: PollingOptions;
}

export function createTelegramAdapter(
  ctx: AdapterContext,
  settings: TelegramSettings,
  options: TelegramAdapterOptions = {},
): ChannelAdapter {
  const token = options.token ?? ctx.config.env.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('createTelegramAdapter needs TELEGRAM_BOT_TOKEN');
  const logger = ctx.logger.child({ component: 'telegram' });
  const bot = new Telegraf(token, { telegram: { apiRoot: settings.apiRoot, webhookReply: false } });
  installMiddleware(bot, logger);
  const receiver = createReceiver({ ...ctx, logger }, bot);
  const abort = new AbortController();
  const tasks: Promise<void>[] = [];
  // Routes must exist before the app's 404 handler is added, i.e. now rather than in start().
  let webhook: WebhookRoute | null = null;
  if (settings.webhook) {
    const path = new URL(settings.webhook.url).pathname;
    webhook = mountWebhook(ctx.app, path, settings.webhook.secret, receiver, logger);
  }

  const persist = setupRetry({ channel: CHANNEL, signal: abort.signal, log: logger, describeError });

  async function setUp() {
    const connected = await persist('getMe', async () => {
      bot.botInfo = await bot.telegram.getMe();
    });
    if (!connected) return;
    logger.info(
      { username: bot.botInfo?.username, mode: webhook ? 'webhook' : 'polling' },
      'telegram bot connected',
    );
    bot.telegram.setMyCommands(COMMANDS).catch((error: unknown) => {
      logger.warn({ err: describeError(error) }, 'telegram: setMyCommands failed (the menu stays as it was)');
    });
    if (settings.webhook) {
      const { url, secret } = settings.webhook;
      await persist('setWebhook', () => bot.telegram.setWebhook(url, { secret_token: secret }));
      return;
    }
    // A webhook left from another deployment would make getUpdates answer 409.
    if (!(await persist('deleteWebhook', () => bot.telegram.deleteWebhook()))) return;
    await pollUpdates(bot, receiver, logger, abort.signal, options.polling);
  }

  return {
    name: CHANNEL,
    inboxHandler: createTelegramInboxHandler(ctx.deps, settings),
    sender: createTelegramSender(ctx.deps, bot.telegram, settings, logger),
    async start() {
      tasks.push(setUp());
    },
    async stop() {
      abort.abort();
      await webhook?.close();
      await Promise.allSettled(tasks);
      await receiver.settle();
      logger.info('telegram receiving stopped');
    },
  };
}
