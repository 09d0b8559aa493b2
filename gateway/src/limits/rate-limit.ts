import { createHmac, hkdfSync } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { tooManyRequests } from '../errors';
import type { Logger } from '../logger';
import type { RateLimitConfig } from './limits-config';

/** Who a request counts against: its verified token subject, or, without a valid token, its client address. */
export type RateLimitedCaller = { sub: string } | { address: string };

export interface CallerRateLimit {
  /** Counts one request of `caller`; throws a 429 `RATE_LIMITED` GraphQLError when it is over its limit. */
  admit(caller: RateLimitedCaller): Promise<void>;
  /** Closes the connection to Redis, if there is one. */
  close(): Promise<void>;
}

/** A stalled Redis must not stall the graph: past this, the request is counted in this process instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Not a token bucket: rate-limiter-flexible keeps a fixed window per key (in Redis one atomic
 * increment with an expiry, the window opening at the key's first request), the same in memory and
 * in Redis. Burst equals the rate: a caller may spend its whole second at once, and across a window's
 * edge up to twice the limit in a moment, never more than the limit on average. Its BurstyRateLimiter
 * would add a second window (and a second Redis round trip per request) for a burst above the rate,
 * which this limit does not have.
 */
function limiter(points: number, keyPrefix: string, store: Redis | undefined): RateLimiterAbstract | undefined {
  if (points === 0) return undefined;
  const window = { points, duration: 1, keyPrefix };
  if (!store) return new RateLimiterMemory(window);
  return new RateLimiterRedis({
    ...window,
    storeClient: store,
    // Redis down or not yet connected: each replica counts alone until it is back, rather than refuse or admit all.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(window),
  });
}

/** Logs each connection and each outage once, without the URL (which may hold a password). */
function connectToRedis(url: string, keyPrefix: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // In Redis's CLIENT LIST, which deployment's gateway this is.
    connectionName: `${keyPrefix}:gateway`,
  });
  let down = false;
  redis.on('ready', () => {
    down = false;
    logger.info('rate-limit store ready');
  });
  // ioredis retries on its own and emits an error for every failed attempt: one line per outage is enough.
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ reason: error.message }, 'rate-limit store unreachable: each gateway counts alone until it returns');
  });
  return redis;
}

/**
 * Per-caller request limits at the gateway, in this process or, with `redisUrl`, shared by every
 * replica through Redis. Keys are `<prefix>:sub:<digest>` and `<prefix>:ip:<digest>`: an HMAC under a
 * key derived from `keySecret`, which every replica holds, so the store never sees a token subject or
 * a client's address.
 */
export function createCallerRateLimit(config: RateLimitConfig, keySecret: string, logger: Logger): CallerRateLimit {
  const store = config.redisUrl ? connectToRedis(config.redisUrl, config.keyPrefix, logger) : undefined;
  const bySub = limiter(config.perSecond, `${config.keyPrefix}:sub`, store);
  const byAddress = limiter(config.ipPerSecond, `${config.keyPrefix}:ip`, store);
  const digestKey = Buffer.from(hkdfSync('sha256', keySecret, '', 'oneplan rate-limit keys', 32));
  const digest = (value: string) => createHmac('sha256', digestKey).update(value).digest('base64url').slice(0, 22);

  return {
    async admit(caller) {
      const [counter, value] = 'sub' in caller ? [bySub, caller.sub] : [byAddress, caller.address];
      if (!counter) return;
      try {
        await counter.consume(digest(value));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
    },
    async close() {
      if (!store) return;
      // quit() lets replies in flight arrive; a store that never connected has nothing to wait for.
      if (store.status === 'ready') await store.quit().catch(() => store.disconnect());
      else store.disconnect();
    },
  };
}
