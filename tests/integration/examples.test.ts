/** Every example operation of schema/examples/ runs against the seed without error and answers something. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../src/http/examples.loader.js';
import { projectRoot } from '../../src/shared/paths.js';
import { useSeededServer } from '../helpers/seeded-server.js';

const examples = loadExamples(join(projectRoot(), 'schema', 'examples'));
const suite = useSeededServer();

/** Null, an empty list, or a connection without edges: an answer that says nothing. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && 'edges' in value) return (value as { edges: unknown[] }).edges.length === 0;
  return false;
}

describe('Examples: every example answers a researcher’s question on the seed', () => {
  it('has at least one example per question the issue names', () => {
    const names = examples.map((e) => e.name);
    for (const n of ['blocking-issues', 'common-ground', 'contradictions', 'timeline', 'search-missile-program', 'statement-counts', 'statements-about-sanctions', 'who-threatened-whom', 'anonymous-sources']) {
      expect(names).toContain(n);
    }
    for (const e of examples) expect(e.description, e.name).not.toBe('');
  });

  for (const example of examples) {
    it(`runs ${example.name} (“${example.description}”) without error and with a non-empty answer`, async () => {
      const res = await suite.server.gql(example.query, example.variables ? JSON.parse(example.variables) : undefined);
      expect(res.errors).toBeUndefined();
      for (const [field, value] of Object.entries(res.data ?? {})) expect(isEmpty(value), `${example.name}: ${field}`).toBe(false);
    });
  }
});
