/**
 * HTTP-level refusals, as pure functions the server's hooks call: a body in a charset other
 * than UTF-8, and the rate limit's key and answer. Each refusal is a GraphQL-shaped JSON body
 * (`errors[].extensions.code`), so a client handles it like any other error.
 */
import type { RequestAuth } from '../context.js';

export interface ErrorBody {
  errors: { message: string; extensions: { code: string; [k: string]: unknown } }[];
}

/** A refusal made outside GraphQL execution, in the shape of a GraphQL response's errors. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): ErrorBody {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * GraphQL over HTTP is UTF-8 (the spec's media types); a body declared in another charset
 * (`charset=latin1`) would be decoded wrongly, so it is refused with 415 instead of guessed at.
 * Null when the request declares no charset or UTF-8 (any case, quoted or not).
 */
export function charsetRefusal(contentType: string | undefined): ErrorBody | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  if (!match) return null;
  const charset = match[2].toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8') return null;
  return errorBody(`Unsupported charset "${match[2]}": send the body as UTF-8 (Content-Type: application/json; charset=utf-8).`, 'UNSUPPORTED_MEDIA_TYPE', { charset: match[2] });
}

/**
 * Whose budget a request spends: a live API key's own (`key:<id>`), else its address's
 * (`address:<ip>`). A key that is refused (unknown, revoked, malformed) spends the address's,
 * so inventing keys buys no extra requests.
 */
export function rateLimitKey(auth: RequestAuth, ip: string): string {
  return auth.viewer ? `key:${auth.viewer.keyId}` : `address:${ip}`;
}

/**
 * The 429 refusal, thrown by @fastify/rate-limit (which adds `Retry-After` and the
 * `x-ratelimit-*` headers) and answered by the server's error handler as
 * `{ errors: [{ message, extensions: { code: "RATE_LIMITED" } }] }`.
 */
export function rateLimitError(max: number, ttlMs: number): Error & { statusCode: 429; code: 'RATE_LIMITED' } {
  const retryAfter = Math.max(1, Math.ceil(ttlMs / 1000));
  const message = `Too many requests: ${max} a minute are allowed from one key or address; retry in ${retryAfter} s.`;
  return Object.assign(new Error(message), { statusCode: 429 as const, code: 'RATE_LIMITED' as const });
}

/**
 * How much of a body the server answered without reading (a body over the limit, a refusal
 * made before the body was read) it reads and throws away, as a multiple of the body limit.
 * A client that is still sending when the answer goes out reads that answer only if the
 * connection stays open until it has finished sending: closing it earlier resets it, and
 * Node's fetch then reports `EPIPE` instead of the 413 it was owed. Discarding costs the
 * server bandwidth, never memory; past this much, closing is fair (an upload that large is
 * not a client that misjudged the limit), and a declared length past it is closed at once.
 */
export const DRAIN_FACTOR = 4;

/**
 * What to do with the unread rest of a request's body once its answer is sent: `drain` (read
 * and discard it, then keep the connection) when its declared length is within `drainCap` or
 * it declares none (chunked; the reading side stops at `drainCap`); `close` when it declares
 * more than `drainCap`, where reading it all would only waste the bandwidth.
 */
export function unreadBodyPlan(contentLength: string | undefined, drainCap: number): 'drain' | 'close' {
  return contentLength !== undefined && Number(contentLength) > drainCap ? 'close' : 'drain';
}
