/**
 * `DATABASE_URL`, read once: which engine, and where. A SQLite path (relative or absolute), a
 * `file:` URL or `:memory:` is SQLite; `postgres://` or `postgresql://` is PostgreSQL. Any
 * other scheme is refused with a message naming it, before anything is opened or written: a
 * URL misread as a relative path would create a folder named after the scheme and seed a file
 * there, answering as if all were well.
 */
import { resolve } from 'node:path';

export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url === ':memory:') return { engine: 'sqlite', path: url };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user@host:port/database)`);
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) throw new DatabaseUrlError(`DATABASE_URL names no PostgreSQL host (expected postgres://user@host:port/database)`);
    return { engine: 'postgres', url };
  }
  if (scheme === 'file') return { engine: 'sqlite', path: resolve(url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')) };
  if (scheme !== undefined) throw new DatabaseUrlError(`DATABASE_URL has the scheme "${scheme}:", which is neither a SQLite path (a path, file: or :memory:) nor PostgreSQL (postgres:// or postgresql://)`);
  return { engine: 'sqlite', path: resolve(url) };
}
