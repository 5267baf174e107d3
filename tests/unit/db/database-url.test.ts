import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { DatabaseUrlError, parseDatabaseUrl } from '../../../src/db/database-url.js';
import { compileSql, list, statement } from '../../../src/db/engine.js';

describe('DATABASE_URL names one engine, or is refused before anything is opened', () => {
  it('reads paths, file: URLs and :memory: as SQLite', () => {
    expect(parseDatabaseUrl('./data/kb.sqlite')).toEqual({ engine: 'sqlite', path: resolve('data/kb.sqlite') });
    expect(parseDatabaseUrl('file:///tmp/kb.sqlite')).toEqual({ engine: 'sqlite', path: '/tmp/kb.sqlite' });
    expect(parseDatabaseUrl(':memory:')).toEqual({ engine: 'sqlite', path: ':memory:' });
  });

  it('reads postgres:// and postgresql:// as PostgreSQL, never as a relative path', () => {
    expect(parseDatabaseUrl('postgres://kb@db.example.org:5432/kb')).toEqual({ engine: 'postgres', url: 'postgres://kb@db.example.org:5432/kb' });
    expect(parseDatabaseUrl('postgresql://kb:secret@127.0.0.1/kb').engine).toBe('postgres');
  });

  it('refuses an unknown scheme with a message naming it', () => {
    expect(() => parseDatabaseUrl('mysql://root@localhost/kb')).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl('mysql://root@localhost/kb')).toThrow(/scheme "mysql:"/);
    expect(() => parseDatabaseUrl('postgres:///')).toThrow(/host/);
  });
});

describe('one statement text per engine', () => {
  it('numbers placeholders for PostgreSQL, outside quotes', () => {
    expect(compileSql(`SELECT '?' AS q, "a?" FROM t WHERE a = ? AND b = ?`, 'postgres')).toBe(`SELECT '?' AS q, "a?" FROM t WHERE a = $1 AND b = $2`);
    expect(compileSql(`SELECT 1 WHERE a = ?`, 'sqlite')).toBe(`SELECT 1 WHERE a = ?`);
  });

  it('spells a list and a case-free order in each engine’s words', () => {
    const s = statement('SELECT id FROM actors WHERE id IN ?list ORDER BY NOCASE(name), id');
    expect(s.text.sqlite).toBe('SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name COLLATE NOCASE, id');
    expect(s.text.postgres).toBe('SELECT id FROM actors WHERE id = ANY($1::text[]) ORDER BY lower(name), id');
    expect(list(['a']).values).toEqual(['a']);
  });

  it('names a PostgreSQL statement after its text, so one name is one text', () => {
    expect(statement('SELECT 1').name).toBe(statement('SELECT 1').name);
    expect(statement('SELECT 1').name).not.toBe(statement('SELECT 2').name);
  });
});
