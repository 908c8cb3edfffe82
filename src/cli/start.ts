import { loadConfig } from '../config/load.ts';
import { createLogger } from '../logger.ts';
import { startService } from '../main.ts';

/** Runs until SIGTERM/SIGINT, then stops gracefully and exits 0. */
export async function startCommand(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL);
  const service = await startService(config, logger);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      logger.info({ signal }, 'signal received');
      resolve();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  const hardStop = setTimeout(() => {
    logger.error('graceful stop took too long; exiting');
    process.exit(1);
  }, config.env.SHUTDOWN_TIMEOUT_MS + 5_000);
  hardStop.unref();
  await service.stop();
  return 0;
}
