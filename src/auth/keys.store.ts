/**
 * The SQL of API keys, defined once: a key is found by its public prefix on every request.
 */
import { columns, decodeOf } from '../db/columns.js';
import { statement, type Executor } from '../db/engine.js';
import { apiKeys, type ApiKeyRow } from '../db/tables.js';
import type { Role } from '../shared/enums.js';

const KEY = columns(apiKeys, 'k');
const decode = decodeOf(apiKeys);

const Q = {
  byPrefix: statement(`SELECT ${KEY} FROM "api_keys" AS "k" WHERE "k"."prefix" = ?`, { decode }),
  byId: statement(`SELECT ${KEY} FROM "api_keys" AS "k" WHERE "k"."id" = ?`, { decode }),
  all: statement(`SELECT ${KEY} FROM "api_keys" AS "k" ORDER BY "k"."id"`, { decode }),
  insert: statement(`INSERT INTO "api_keys" ("prefix", "hash", "role", "name", "created_at") VALUES (?, ?, ?, ?, ?) RETURNING ${columns(apiKeys)}`, { decode }),
  revoke: statement(`UPDATE "api_keys" SET "revoked_at" = ? WHERE "id" = ? RETURNING ${columns(apiKeys)}`, { decode }),
  revokedAt: statement(`SELECT "k"."revoked_at" AS "revokedAt" FROM "api_keys" AS "k" WHERE "k"."id" = ?`),
};

export async function keyByPrefix(q: Executor, prefix: string): Promise<ApiKeyRow | null> {
  return (await q.get<ApiKeyRow>(Q.byPrefix, [prefix])) ?? null;
}

export async function keyById(q: Executor, id: number): Promise<ApiKeyRow | null> {
  return (await q.get<ApiKeyRow>(Q.byId, [id])) ?? null;
}

export async function allKeys(q: Executor): Promise<ApiKeyRow[]> {
  return q.all<ApiKeyRow>(Q.all);
}

export async function insertKey(q: Executor, key: { prefix: string; hash: string; role: Role; name: string; createdAt: string }): Promise<ApiKeyRow> {
  return (await q.get<ApiKeyRow>(Q.insert, [key.prefix, key.hash, key.role, key.name, key.createdAt]))!;
}

export async function setRevoked(q: Executor, id: number, at: string): Promise<ApiKeyRow> {
  return (await q.get<ApiKeyRow>(Q.revoke, [at, id]))!;
}

/** The key's revocation time: undefined for an unknown key, null for a live one. */
export async function revokedAt(q: Executor, id: number): Promise<string | null | undefined> {
  return (await q.get<{ revokedAt: string | null }>(Q.revokedAt, [id]))?.revokedAt;
}
