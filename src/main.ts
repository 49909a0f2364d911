/** Start-up: configuration -> database -> schema -> HTTP server; Ctrl-C or SIGTERM stops them in order. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { NoDatabaseServerError } from './db/embedded-server';
import { InvalidInputError } from './ingest/seed-format';
import { createLogger } from './logger';
import { startService } from './service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let service;
  try {
    service = await startService(config, logger);
  } catch (error) {
    if (error instanceof NoDatabaseServerError || error instanceof InvalidInputError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // the log is written asynchronously: its last lines go out before the process ends
  const exit = (code: number) => logger.flush(() => process.exit(code));
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    service
      .stop()
      .then(() => exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // only now: a Ctrl-C sent as soon as this line is read must find the handlers above, not the default action
  logger.info({ url: service.url }, `eurasia-graph is ready: open ${service.url} for the playground`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `eurasia-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
