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
