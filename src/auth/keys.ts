/**
 * API keys: made, checked and revoked here, stored in `api_keys` (the SQL: `keys.store.ts`).
 *
 * A key reads `kb_<prefix>_<secret>`: an 8-hex-digit public prefix (it names the key in
 * listings and finds its row) and 32 random bytes in base64url. Only the SHA-256 of the
 * whole key is stored. A fast hash is right here because the key is random: 2^256
 * possibilities cannot be searched however fast each guess is, and every request can check
 * its key in microseconds. It would be wrong for a password, which a person chooses from a
 * small space: that needs a slow, salted hash (scrypt, argon2) to make each guess costly.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/engine.js';
import type { ApiKeyRow } from '../db/tables.js';
import { Role } from '../shared/enums.js';
import { allKeys, insertKey, keyById, keyByPrefix, revokedAt, setRevoked } from './keys.store.js';

const KEY_PATTERN = /^kb_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** Who a request acts for: the key's owner, its role, and the key's public prefix. */
export interface Viewer {
  keyId: number;
  prefix: string;
  name: string;
  role: Role;
}

/** One-shot `crypto.hash`: no Hash object per request, as `createHash` makes (same digest). */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** A new random key with its prefix and hash; the key itself is shown once and never stored. */
export function generateKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `kb_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/** Creates a key; returns the row and the key (to be printed once). */
export async function createKey(q: Executor, role: Role, name: string, now = new Date()): Promise<{ row: ApiKeyRow; key: string }> {
  if (!Object.values(Role).includes(role)) throw new KeyError(`role must be one of ${Object.values(Role).join(', ')} (got "${role}")`);
  if (name.trim() === '' || name.length > 200) throw new KeyError('name must be 1 to 200 characters');
  const { key, prefix, hash } = generateKey();
  const row = await insertKey(q, { prefix, hash, role, name: name.trim(), createdAt: now.toISOString() });
  return { row, key };
}

export function listKeys(q: Executor): Promise<ApiKeyRow[]> {
  return allKeys(q);
}

/**
 * Revokes a key named by its prefix or its id; refused for an unknown or already revoked key.
 * The prefix is tried first: a hex prefix can be all digits ("08245979") and is no id.
 */
export async function revokeKey(q: Executor, idOrPrefix: string, now = new Date()): Promise<ApiKeyRow> {
  const row = (await keyByPrefix(q, idOrPrefix)) ?? (/^\d+$/.test(idOrPrefix) ? await keyById(q, Number(idOrPrefix)) : null);
  if (!row) throw new KeyError(`no key with id or prefix "${idOrPrefix}"`);
  if (row.revokedAt) throw new KeyError(`key ${row.prefix} was already revoked at ${row.revokedAt}`);
  return setRevoked(q, row.id, now.toISOString());
}

/** Whether a key is still known and not revoked. */
export async function isLive(q: Executor, keyId: number): Promise<boolean> {
  return (await revokedAt(q, keyId)) === null;
}

/** Why a presented key was refused; never echoes the key. */
export type KeyRefusal = 'malformed' | 'unknown' | 'revoked';

/**
 * The viewer an `Authorization` header names: null when none is sent, a refusal when one is
 * sent and is not a live key of this database. Looked up on every request, so a revocation
 * takes effect on the next one.
 */
export async function authenticate(q: Executor, header: string | undefined): Promise<Viewer | null | { refused: KeyRefusal }> {
  if (header === undefined || header === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const parts = match ? KEY_PATTERN.exec(match[1]!) : null;
  if (!match || !parts) return { refused: 'malformed' };
  const row = await keyByPrefix(q, parts[1]!);
  const presented = hash('sha256', match[1]!, 'buffer');
  if (!row || !timingSafeEqual(presented, Buffer.from(row.hash, 'hex'))) return { refused: 'unknown' };
  if (row.revokedAt) return { refused: 'revoked' };
  return { keyId: row.id, prefix: row.prefix, name: row.name, role: row.role };
}
