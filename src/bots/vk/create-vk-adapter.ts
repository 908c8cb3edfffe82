/**
 * The VK community channel: receives community messages (Bots Long Poll by default, our own Callback
 * API route when a secret is set) into the inbox, catches up on unread dialogs at start, interprets
 * events in the inbox handler, and sends the outbox through messages.send.
 */
import http from 'node:http';
import https from 'node:https';
import { VK } from 'vk-io';
import type { ChannelAdapter } from '../../core/ports.ts';
import type { AdapterContext } from '../../main.ts';
import { setupRetry } from '../shared/setup-retry.ts';
import { type CallbackRoute, mountCallback } from './callback-route.ts';
import { catchUp } from './catch-up.ts';
import { describeError } from './errors.ts';
import { createVkInboxHandler } from './handle-event.ts';
import { createNameLookup } from './names.ts';
import { routeLongPollToInbox } from './polling.ts';
import { CHANNEL, createReceiver } from './receive.ts';
import { createVkSender } from './sender.ts';
import type { VkSettings } from './settings.ts';

/** users.get requests a second (vk-io's default): a small share of the community token's 20. */
const NAMES_API_LIMIT = 3;

export interface VkAdapterOptions {
  token?: string;
}

/** vk-io defaults to the https agent; a plain-http base URL (a test or a local proxy) needs an http one. */
function agentFor(url: string): https.Agent {
  if (!url.startsWith('http:')) return new https.Agent({ keepAlive: true });
  // vk-io types its option as an https.Agent, but only passes it on to the request.
  return new http.Agent({ keepAlive: true }) as https.Agent;
}

export function createVkAdapter(
  ctx: AdapterContext,
  settings: VkSettings,
  options: VkAdapterOptions = {},
): ChannelAdapter {
  const token = options.token ?? ctx.config.env.VK_GROUP_TOKEN;
  if (!token || !settings.groupId) throw new Error('createVkAdapter needs VK_GROUP_TOKEN and VK_GROUP_ID');
  const logger = ctx.logger.child({ component: 'vk' });
  const base = { token, apiBaseUrl: settings.apiBaseUrl, pollingGroupId: settings.groupId };
  // Retries are the outbox's and the setup loop's job; vk-io's own would hold up the queue.
  const api = new VK({
    ...base,
    agent: agentFor(settings.apiBaseUrl),
    apiLimit: settings.apiLimit,
    apiRetryLimit: 0,
  });
  // Long poll gets its own connections, so stopping it cannot cut a send in flight.
  const pollAgent = agentFor(settings.apiBaseUrl);
  const poller = new VK({ ...base, agent: pollAgent, apiRetryLimit: 0 });
  // Names get their own queue: vk-io answers error 6 by pausing its queue and retrying, and a
  // rate-limited users.get must not hold up the residents' replies.
  const namesAgent = agentFor(settings.apiBaseUrl);
  const namesApi = new VK({ ...base, agent: namesAgent, apiLimit: NAMES_API_LIMIT, apiRetryLimit: 0 });
  const names = createNameLookup(namesApi.api, ctx.deps.store, logger, { channel: CHANNEL });
  const receiver = createReceiver(ctx, logger, names);
  const abort = new AbortController();
  const tasks: Promise<void>[] = [];
  // Routes must exist before the app's 404 handler is added, i.e. now rather than in start().
  let route: CallbackRoute | null = null;
  if (settings.callback)
    route = mountCallback(ctx.app, { ...settings.callback, groupId: settings.groupId }, receiver, logger);
  else routeLongPollToInbox(poller, receiver, logger);

  const persist = setupRetry({ channel: CHANNEL, signal: abort.signal, log: logger, describeError });

  async function setUp() {
    // Long poll first: a message arriving during the catch-up is then seen by both, and deduped.
    if (!settings.callback && !(await persist('long poll start', () => poller.updates.start()))) return;
    logger.info(
      { groupId: settings.groupId, mode: settings.callback ? 'callback' : 'long poll' },
      'vk connected',
    );
    await persist('catch-up', () =>
      catchUp(api.api, settings.groupId, receiver, logger, settings.catchUpLimit),
    );
  }

  return {
    name: CHANNEL,
    inboxHandler: createVkInboxHandler(ctx.deps, settings, logger, names.nameOf),
    sender: createVkSender(api.api, settings, logger),
    async start() {
      tasks.push(setUp());
    },
    async stop() {
      abort.abort();
      await route?.close();
      await poller.updates.stop();
      // vk-io cannot abort a long poll request in flight (it waits up to 25 s); closing its sockets can.
      pollAgent.destroy();
      await Promise.allSettled(tasks);
      await receiver.close();
      await names.close();
      namesAgent.destroy();
      logger.info('vk receiving stopped');
    },
  };
}
