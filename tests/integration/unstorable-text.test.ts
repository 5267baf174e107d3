/**
 * Text no engine can store as given (the NUL character, an unpaired surrogate) is refused at
 * the door on both engines alike, before anything reads or writes: over HTTP in a variable or
 * a literal, in a read's filter or a write's input, and over graphql-ws. PostgreSQL answered
 * these with INTERNAL_SERVER_ERROR (found by the fuzz suites once they ran there); SQLite kept
 * the NUL and replaced the surrogate with U+FFFD.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { snapshotKb } from '../helpers/snapshot.js';

const SOURCE = 'source:us-iran-second-round-talks';
const EXACT = 'Washington and Tehran are weighing a second round of negotiations';

describe.each(testEngines())('Unstorable text on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  let editor: string;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'unstorable_text' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'text desk')).key;
    server = await startTestServer(kb.engine);
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  const refused = (res: Awaited<ReturnType<TestServer['gql']>>, where: string) => {
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain(where);
  };

  it('refuses a write carrying a NUL or a lone surrogate in any field, and writes nothing', async () => {
    const before = await snapshotKb(kb);
    const create = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } userErrors { code } } }';
    const input = { name: 'Shipping lanes', description: 'Passage through the strait', evidence: [{ source: SOURCE, exact: EXACT }] };
    refused(await server.gql(create, { input: { ...input, description: 'a\u0000b' } }, editor), 'variable $input.description');
    refused(await server.gql(create, { input: { ...input, name: '\ud800Tehrān' } }, editor), 'variable $input.name');
    refused(await server.gql(create, { input: { ...input, idempotencyKey: '\u0000' } }, editor), 'variable $input.idempotencyKey');
    refused(await server.gql(`mutation { updateActor(input: { id: "actor:iran", expectedVersion: 1, description: "x\\u0000" }) { actor { id } } }`, undefined, editor), 'a string literal on line 1');
    expect(await snapshotKb(kb)).toBe(before);
    // The same write without the character is written.
    const ok = await server.gql(create, { input }, editor);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createIssue).toEqual({ issue: { id: 'issue:shipping-lanes' }, userErrors: [] });
  });

  it('refuses reads whose filters carry one, where PostgreSQL failed inside the database', async () => {
    refused(await server.gql('query($f: StatementFilter) { statements(filter: $f, first: 2) { totalCount } }', { f: { text: '\u0000' } }), 'variable $f.text');
    refused(await server.gql('{ revisions(filter: { author: "\\u0000" }, first: 3) { totalCount } }'), 'a string literal on line 1');
    refused(await server.gql('query($q: String!) { search(query: $q) { score } }', { q: 'iran \udc00' }), 'variable $q');
    // Text with every other kind of character still reads.
    const fine = await server.gql('query($q: String!) { search(query: $q) { score } }', { q: 'Iran’s café 🛡️ \u0001' });
    expect(fine.errors).toBeUndefined();
  });

  it('refuses a subscription carrying one over graphql-ws', async () => {
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const errors = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: 'subscription($n: ID) { revisionAdded(node: $n) { number } }', variables: { n: 'actor:\u0000' } },
          { next: (value) => reject(new Error(`an event came: ${JSON.stringify(value)}`)), error: resolve, complete: () => reject(new Error('completed without an error')) },
        );
      });
      expect(JSON.stringify(errors)).toContain('BAD_USER_INPUT');
      expect(JSON.stringify(errors)).toContain('variable $n');
    } finally {
      await client.dispose();
    }
  });
});
