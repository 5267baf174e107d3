/**
 * mergeNodes re-points every column that refers to an actor, an event or an issue; those
 * columns are listed once, in src/store/references.ts. This walks the foreign keys of the
 * tables and fails on one that is in neither of its lists, so a new table (a source's reports)
 * cannot be forgotten there.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as t from '../../../src/db/tables.js';
import { MERGEABLE_TYPES, OWN_PARTS, REFERENCES } from '../../../src/store/references.js';

const TABLE_OF = { Actor: 'actors', Event: 'events', Issue: 'issues' } as const;

describe('Merging: every column that refers to an actor, event or issue is listed once', () => {
  it('finds each foreign key to actors, events and issues among the references or the own parts of its type', () => {
    const tables = (Object.values(t) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
    for (const type of MERGEABLE_TYPES) {
      const found = new Set<string>();
      for (const table of tables) {
        const config = getTableConfig(table);
        for (const fk of config.foreignKeys) {
          const ref = fk.reference();
          if (getTableConfig(ref.foreignTable).name !== TABLE_OF[type]) continue;
          for (const column of ref.columns) found.add(`${config.name}.${column.name}`);
        }
      }
      const listed = [...REFERENCES[type].map((r) => `${r.table}.${r.column}`), ...OWN_PARTS[type]];
      expect(new Set(listed).size, type).toBe(listed.length);
      expect([...found].sort(), type).toEqual([...listed].sort());
    }
  });
});
