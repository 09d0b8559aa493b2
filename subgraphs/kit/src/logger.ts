import pino from 'pino';
import { requestLogMixin } from '@oneplan/protocol';

export interface LogSettings {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON. */
  pretty: boolean;
}

/**
 * One structured logger per process. Personal data never goes into a log line:
 * log ids and codes, not names, CPR numbers or record contents.
 */
export function createLogger(service: string, settings: LogSettings = { level: 'silent', pretty: false }) {
  return pino({
    name: service,
    ...(settings.pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } }
      : {}),
    level: settings.level,
    // The request's x-request-id on every line written while serving it.
    mixin: requestLogMixin,
    redact: { paths: ['req.headers.authorization', '*.cpr', '*.name'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
