/**
 * Where the rate limits are counted. Without `REDIS_URL`, in each server's memory: with several
 * servers behind a proxy, a client gets the budget once per server. With it, in Redis, which
 * every server shares: a key's requests are counted once, whichever server answers them
 * (@fastify/rate-limit's own Redis store: one INCR and PEXPIRE per request, in a Lua script).
 *
 * When Redis cannot answer (stopped, unreachable, slower than `COMMAND_TIMEOUT_MS`), a request
 * is counted in this server's memory instead: the limits stay on, per server (at most the
 * budget times the number of servers), and the API stays up. Failing closed would turn a Redis
 * outage into an outage of the whole API for a guard that is not an access control; failing
 * fully open (the plugin's `skipOnError`) would lift every limit for as long as Redis is away.
 * The switch is logged once each way, not once per request. Redis must be reachable at
 * start-up, though: a wrong host or password is the operator's to fix, and is refused then.
 */
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';

export type { Redis };
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { StartupError } from '../db/open.js';
import { redisLocation } from './redis-url.js';

/** Keys in Redis start with this, so one Redis can serve other things too. */
export const REDIS_NAMESPACE = 'kb-rate-limit:';

/** A Redis command slower than this counts as Redis being away (the request is not held up longer). */
const COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for Redis to answer before refusing to start. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connects to Redis and resolves once it is ready (authenticated, its database selected);
 * rejects with a StartupError naming where, never the password. ioredis reports a refused
 * connection, a wrong password or a database that does not exist as an 'error' event (its
 * `connect()` says only "Connection is closed"), and after a failed SELECT would carry on in
 * database 0: the first of 'error' and 'ready' decides.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // While disconnected, fail at once instead of queueing: a request must not wait for Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve);
      client.once('error', reject);
      client.connect().catch(() => {});
    });
  } catch (error) {
    client.disconnect();
    const reason = (error as Error).message.replace(/\.$/, '');
    throw new StartupError(`cannot use Redis at ${redisLocation(url)} (REDIS_URL): ${reason}`);
  }
  client.removeAllListeners('ready');
  client.removeAllListeners('error');
  // ioredis reconnects by itself and emits an error for every failed attempt; the counter
  // reports the switch to per-server counting once, so these need no word of their own.
  client.on('error', () => {});
  return client;
}

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];
type Counter = FastifyRateLimitStore & { read?(key: string, cb: Callback, timeWindow: number, max: number): void };
type CounterCtor = new (...args: unknown[]) => Counter;

// The plugin's own stores: its Redis script and its in-memory LRU, used as the plugin uses them.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as CounterCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as CounterCtor;

/** Told when counting moves to this server's memory (with Redis's error) and back to Redis. */
export type OnCounting = (where: 'shared' | 'local', error?: Error) => void;

/** Counts in `shared`; when it fails, in `local`, reporting each switch once. */
function fallbackCounter(shared: Counter, local: Counter, state: { where: 'shared' | 'local' }, onCounting: OnCounting): Counter {
  const through = (method: 'incr' | 'read') => (key: string, cb: Callback, timeWindow: number, max: number) => {
    shared[method]!(key, (error, result) => {
      if (!error) {
        if (state.where === 'local') (state.where = 'shared'), onCounting('shared');
        return cb(null, result);
      }
      if (state.where === 'shared') (state.where = 'local'), onCounting('local', error);
      local[method]!(key, cb, timeWindow, max);
    }, timeWindow, max);
  };
  return {
    incr: through('incr'),
    read: through('read'),
    child: (routeOptions) => fallbackCounter(shared.child(routeOptions), local.child(routeOptions), state, onCounting),
  };
}

/**
 * @fastify/rate-limit's `store` option: counts in Redis, and in this server's memory while
 * Redis cannot answer. (The plugin's `redis` option takes the same client but offers only
 * failing closed or fully open.)
 */
export function redisStoreWithFallback(redis: Redis, onCounting: OnCounting): FastifyRateLimitStoreCtor {
  const state = { where: 'shared' as 'shared' | 'local' };
  return function Store(params: { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number }) {
    const shared = new RedisStore(params.continueExceeding ?? false, params.exponentialBackoff ?? false, redis, REDIS_NAMESPACE);
    const local = new LocalStore(params.continueExceeding ?? false, params.exponentialBackoff ?? false, params.cache);
    return fallbackCounter(shared, local, state, onCounting);
  } as unknown as FastifyRateLimitStoreCtor;
}
