/** The example operations as the playground and the client test read them from a folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExamples } from '../../src/http/examples.loader.js';

const dirs: string[] = [];

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-examples-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Examples: each .graphql file is one named operation with its question and variables', () => {
  it('reads the operation name, the leading comment as the question, and the sibling variables', () => {
    const examples = loadExamples(
      folder({
        'b-issue.graphql': '# Who stands where on an issue?\n# With evidence.\nquery OnIssue($id: ID!) { issue(id: $id) { name } }\n',
        'b-issue.variables.json': '{"id":"issue:sanctions-relief"}',
        'a-actors.graphql': '# All actors.\nquery Actors { actors { totalCount } }\n# not part of the question\n',
        'notes.txt': 'ignored',
      }),
    );
    expect(examples.map((e) => e.name)).toEqual(['a-actors', 'b-issue']);
    expect(examples[0]).toMatchObject({ operationName: 'Actors', description: 'All actors.', variables: '' });
    expect(examples[1]).toMatchObject({ operationName: 'OnIssue', description: 'Who stands where on an issue? With evidence.' });
    expect(JSON.parse(examples[1].variables)).toEqual({ id: 'issue:sanctions-relief' });
    expect(examples[1].query).toContain('query OnIssue');
  });

  it('returns no examples for a missing folder', () => {
    expect(loadExamples(join(folder({}), 'missing'))).toEqual([]);
  });

  it('refuses an anonymous operation, naming the file', () => {
    expect(() => loadExamples(folder({ 'anon.graphql': '{ actors { totalCount } }' }))).toThrow(/anon\.graphql holds no named operation/);
  });

  it('refuses a file that does not parse, naming the file', () => {
    expect(() => loadExamples(folder({ 'broken.graphql': 'query Broken {' }))).toThrow(/broken\.graphql does not parse/);
  });

  it('refuses variables that are not a JSON object, naming the file', () => {
    expect(() => loadExamples(folder({ 'x.graphql': 'query X { actors { totalCount } }', 'x.variables.json': '[1]' }))).toThrow(/x\.variables\.json must be a JSON object/);
    expect(() => loadExamples(folder({ 'y.graphql': 'query Y { actors { totalCount } }', 'y.variables.json': '{' }))).toThrow(/y\.variables\.json are not JSON/);
  });
});
