import pino from 'pino';

/**
 * The gateway's structured logger. It never logs a token, a name or a CPR number:
 * log codes, subgraph names, paths and request ids.
 */
export function createLogger() {
  return pino({
    name: 'gateway',
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: ['req.headers.authorization', '*.cpr', '*.name', 'identity'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
