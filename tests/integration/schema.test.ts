/** The committed SDL is the code's schema, and everything public in it is described. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from 'graphql';
import { buildKbSchema, printSortedSchema } from '../../src/schema.js';
import { projectRoot } from '../../src/shared/paths.js';

const schema = buildKbSchema();

describe('Schema: schema/schema.graphql matches the code', () => {
  it('is the sorted SDL of the built schema (run `npm run schema` after changing the API)', () => {
    const committed = readFileSync(join(projectRoot(), 'schema', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(schema)).toBe(committed);
  });
});

describe('Schema: every type, field, argument and enum value has a description', () => {
  it('finds no undescribed public element', () => {
    const missing: string[] = [];
    const own = (t: GraphQLNamedType) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name);
    for (const type of Object.values(schema.getTypeMap()).filter(own)) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract’s fixed names', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['node', 'nodes', 'actors', 'events', 'statements', 'issues', 'positions', 'sources']) expect(query[name], name).toBeDefined();
    const fields = (name: string) => Object.keys((schema.getType(name) as any).getFields());
    expect(fields('Actor')).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'aliases', 'countryCode', 'cameoCode', 'description', 'affiliations', 'statements', 'positions', 'events', 'relations', 'evidence']));
    expect(fields('Event')).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'kind', 'status', 'start', 'end', 'durationDays', 'location', 'participants', 'issues', 'statements', 'relations', 'cameoCode', 'evidence']));
    expect(fields('Statement')).toEqual(expect.arrayContaining(['id', 'kind', 'summary', 'speaker', 'attribution', 'target', 'date', 'issues', 'event', 'relations', 'evidence']));
    expect(fields('Issue')).toEqual(expect.arrayContaining(['id', 'name', 'description', 'positions', 'statements', 'events', 'evidence']));
    expect(fields('Position')).toEqual(expect.arrayContaining(['id', 'actor', 'issue', 'stance', 'firmness', 'isPrecondition', 'summary', 'evidence', 'statements']));
    expect(fields('Evidence')).toEqual(expect.arrayContaining(['source', 'start', 'end', 'exact', 'prefix', 'suffix']));
    expect(fields('Source')).toEqual(expect.arrayContaining(['id', 'title', 'text', 'publishedOn', 'evidence']));
    expect(fields('PartialDate')).toEqual(expect.arrayContaining(['precision', 'year', 'month', 'day', 'iso', 'note']));
    expect(fields('Place')).toEqual(expect.arrayContaining(['name', 'countryCode', 'latitude', 'longitude']));
  });
});
