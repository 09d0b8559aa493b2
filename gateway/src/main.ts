import { startTracing } from '@oneplan/protocol';
import { createGateway } from './app';
import { gatewayOptionsFromEnv, loggerSettingsFromEnv } from './config';
import { createLogger } from './logger';

/** Starts the gateway from the environment (see config.ts) and stops it cleanly on SIGINT/SIGTERM. */
async function main() {
  const logger = createLogger(loggerSettingsFromEnv());
  const tracing = startTracing('oneplan-gateway', process.env);
  const { port, host, options } = gatewayOptionsFromEnv();
  const gateway = await createGateway({ ...options, logger });
  const running = await gateway.start(port, host);
  logger.info({ url: running.url }, `gateway ready at ${running.url}`);
  const shutdown = () => {
    // The last spans leave before the process does.
    Promise.all([gateway.stop(), tracing?.shutdown()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'gateway did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  createLogger(loggerSettingsFromEnv()).fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
