/**
 * Configuration from the environment, with the defaults the API contract and the README name.
 * A value that does not parse stops the start with a message naming the variable: a typo in a
 * limit must not silently fall back to no limit.
 */
import { isIP } from 'node:net';
import { parseDatabaseUrl } from './db/database-url.js';
import { redisUrlProblem } from './http/redis-url.js';

export interface Limits {
  /** Deepest field nesting of an operation (introspection excepted). */
  maxDepth: number;
  /** Aliases in one operation. */
  maxAliases: number;
  /** Lexical tokens in one document, counted while parsing (graphql-js's `maxTokens`). */
  maxTokens: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** The operation's cost: `first` multiplied through nested connections, questions priced (see `src/http/limits.ts`). */
  maxCost: number;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Time to receive a whole request, in ms. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, in ms. */
  keepAliveTimeoutMs: number;
  /** Requests per minute for one API key; 0 turns the limit off. */
  rateLimitPerKey: number;
  /** Requests per minute from one address without a key; 0 turns the limit off. */
  rateLimitPerAddress: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Serve the GraphiQL playground and allow introspection (off for a locked-down deployment). */
  playground: boolean;
  /** `open`: anyone may read; `key`: reads need a key of at least the READER role. */
  reads: 'open' | 'key';
  /** NODE_ENV=production: JSON logs and nothing internal in errors; otherwise readable logs on a terminal. */
  production: boolean;
  /** Origins whose pages may call the API from a browser: `*` for any, or a list. */
  corsOrigins: '*' | string[];
  limits: Limits;
  /** Redis shared by every server, where the rate limits are counted; null: each server counts its own. */
  redisUrl: string | null;
  /**
   * Addresses (or CIDR ranges) of the proxies in front: a request from one of them is taken to
   * come from the address its `X-Forwarded-For` names (the per-address rate limit, the logs).
   * Empty: the header is ignored, since any client could write it.
   */
  trustProxy: string[];
  /**
   * On SIGTERM, how many times each proxy that has been checking `/health` must have been
   * answered 503 before the server stops accepting connections (its `fall` plus one); 0: stop
   * at once. See `http/drain.ts`.
   */
  drainHealthChecks: number;
}

/** A variable that does not parse: the start stops with this one-line message. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The defaults, in one place: the README's "Limits and security" table lists these values. */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  // The example operations reach depth 6, 4 aliases, 97 tokens and a cost of 880; the
  // playground's introspection 183 tokens and a cost of 229 (depth is not counted for it).
  // A page of 100 actors with 10 statements each and their issues costs about 13,000 and
  // passes; 100 actors with 100 statements each (about 40,000) does not.
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 20,
  maxCost: 25_000,
  bodyLimit: 4 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  rateLimitPerKey: 6_000,
  rateLimitPerAddress: 1_200,
};

/** Environment variable of each limit. */
export const LIMIT_VARIABLES: Readonly<Record<keyof Limits, string>> = {
  maxDepth: 'MAX_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxTokens: 'MAX_TOKENS',
  maxDirectives: 'MAX_DIRECTIVES',
  maxCost: 'MAX_COST',
  bodyLimit: 'BODY_LIMIT',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'KEEP_ALIVE_TIMEOUT_MS',
  rateLimitPerKey: 'RATE_LIMIT_PER_KEY',
  rateLimitPerAddress: 'RATE_LIMIT_PER_ADDRESS',
};

/** Rate limits may be 0 (off); every other limit must be at least 1. */
const MAY_BE_ZERO: ReadonlySet<keyof Limits> = new Set(['rateLimitPerKey', 'rateLimitPerAddress']);

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number from ${min}, got "${raw}"`);
  return value;
}

function switchOf(env: NodeJS.ProcessEnv, name: string, fallback: 'on' | 'off'): boolean {
  const value = (env[name] ?? fallback).toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(value)) throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
  return ['on', 'true', '1'].includes(value);
}

/** `*`, or a comma-separated list of origins (`https://app.example.org`), each checked to be one. */
function corsOriginsOf(raw: string | undefined): '*' | string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*';
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS must be * or a comma-separated list of origins, got "${origin}"`);
    }
    if (url.origin !== origin) throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path); did you mean "${url.origin}"?`);
    return origin;
  });
}

/** The URL as given, once it names an engine we run (see `db/database-url.ts`). */
function checkedDatabaseUrl(url: string): string {
  parseDatabaseUrl(url);
  return url;
}

/** `REDIS_URL` as given, once it is a Redis URL; null when unset. */
function checkedRedisUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const problem = redisUrlProblem(raw.trim());
  if (problem) throw new ConfigError(problem);
  return raw.trim();
}

/** `TRUST_PROXY`: a comma-separated list of IP addresses or CIDR ranges (`10.0.0.0/8`), each checked to be one. */
function trustedProxies(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const [address, bits, ...rest] = value.split('/');
    const version = isIP(address ?? '');
    const maxBits = version === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (version === 0 || !bitsOk || rest.length > 0) throw new ConfigError(`TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges, got "${value}"`);
    return value;
  });
}

export function loadLimits(env: NodeJS.ProcessEnv): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as (keyof Limits)[]) {
    limits[key] = wholeNumber(env, LIMIT_VARIABLES[key], DEFAULT_LIMITS[key], MAY_BE_ZERO.has(key) ? 0 : 1);
  }
  return limits;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const reads = (env.READS ?? 'open').toLowerCase();
  if (reads !== 'open' && reads !== 'key') throw new ConfigError(`READS must be open or key, got "${env.READS}"`);
  const port = wholeNumber(env, 'PORT', 4000, 0);
  if (port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  return {
    reads,
    port,
    // Only this machine by default: exposing the server is a decision (HOST=0.0.0.0), not an accident.
    host: env.HOST || '127.0.0.1',
    databaseUrl: checkedDatabaseUrl(env.DATABASE_URL || './data/kb.sqlite'),
    playground: switchOf(env, 'PLAYGROUND', 'on'),
    production: env.NODE_ENV === 'production',
    corsOrigins: corsOriginsOf(env.CORS_ORIGINS),
    limits: loadLimits(env),
    redisUrl: checkedRedisUrl(env.REDIS_URL),
    trustProxy: trustedProxies(env.TRUST_PROXY),
    drainHealthChecks: wholeNumber(env, 'DRAIN_HEALTH_CHECKS', 0, 0),
  };
}

/**
 * pino's options: JSON lines in production (for a log collector); in development, on a
 * terminal, readable lines through pino-pretty. LOG_LEVEL sets the level (default info).
 */
export function logOptions(config: Pick<Config, 'production'>, env: NodeJS.ProcessEnv, terminal: boolean): { level: string; transport?: { target: string; options: Record<string, unknown> } } {
  const level = env.LOG_LEVEL || 'info';
  if (config.production || !terminal) return { level };
  return { level, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } };
}
