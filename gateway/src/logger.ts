import pino from 'pino';
import { requestLogMixin } from '@oneplan/protocol';

/** What the logger is told by its caller; config.ts reads it from the environment. */
export interface LoggerSettings {
  /** pino's level name: `info`, `warn`, `silent`, … */
  level: string;
}

/**
 * The gateway's structured logger. It never logs a token, a name or a CPR number:
 * log codes, subgraph names, paths and request ids.
 */
export function createLogger({ level }: LoggerSettings) {
  return pino({
    name: 'gateway',
    level,
    // The request's x-request-id on every line written while serving it.
    mixin: requestLogMixin,
    redact: { paths: ['req.headers.authorization', '*.cpr', '*.name', 'identity'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
