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
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    let clean = true;
    // In order: requests in flight finish (and end their spans) before the last spans are exported.
    await gateway.stop().catch((error: unknown) => {
      clean = false;
      logger.error({ err: error }, 'gateway did not stop cleanly');
    });
    await tracing?.shutdown().catch((error: unknown) => logger.error({ err: error }, 'trace export failed'));
    process.exit(clean ? 0 : 1);
  };
  // `on`, not `once`: a second signal (tsx relays one it was sent, a hurried operator sends two) must not
  // find the default handler and kill the process before its last spans have left.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  createLogger(loggerSettingsFromEnv()).fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
