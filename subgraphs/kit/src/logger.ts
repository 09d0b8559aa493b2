import pino from 'pino';

/**
 * One structured logger per process. Personal data never goes into a log line:
 * log ids and codes, not names, CPR numbers or record contents.
 */
export function createLogger(service: string) {
  const pretty = process.env.ONEPLAN_LOG_FORMAT === 'pretty';
  return pino({
    name: service,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } } : {}),
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: ['req.headers.authorization', '*.cpr', '*.name'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
