/**
 * telegram-test-api on loopback, for tests and the demo. It treats port 0 as «use 9000», so a free
 * port is found first; another process may take it in between, hence the retries.
 */
import { createServer } from 'node:net';
import TelegramServer from 'telegram-test-api';

export type Emulator = InstanceType<typeof TelegramServer>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the emulator on a free loopback port; `apiURL` is what TELEGRAM_API_ROOT should be. */
export async function startEmulator(attempts = 5): Promise<{ server: Emulator; apiURL: string }> {
  for (let i = 1; ; i++) {
    const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
    try {
      await server.start();
      return { server, apiURL: server.config.apiURL };
    } catch (error) {
      if (i >= attempts || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** Stops it and its clean-up timer, so nothing keeps the process alive. */
export async function stopEmulator(server: Emulator): Promise<void> {
  await server.stop();
}

export type EmulatorClient = ReturnType<Emulator['getClient']>;

/** What the emulator hands a client: a bot message with its inline keyboard. */
export interface BotMessage {
  messageId: number;
  message: {
    text: string;
    reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
  };
}

/**
 * Waits for bot messages per client. The emulator's getUpdates returns only unread messages, so what
 * each client has seen is kept here, and a later wait can still find an earlier message.
 */
export function botMessages(timeoutMs = 10_000) {
  const seen = new Map<EmulatorClient, BotMessage[]>();
  return async function waitFor(
    client: EmulatorClient,
    match: (text: string) => boolean,
  ): Promise<BotMessage> {
    const list = seen.get(client) ?? [];
    seen.set(client, list);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = list.find((m) => match(m.message.text ?? ''));
      if (hit) return hit;
      if (Date.now() > deadline)
        throw new Error(`no bot message matched; got ${JSON.stringify(list.map((m) => m.message.text))}`);
      const res = (await client.getUpdates().catch(() => ({ result: [] }))) as { result: BotMessage[] };
      list.push(...res.result);
    }
  };
}
