/**
 * The same server on both engines answers the same (contract, "Running it": byte-identical
 * except in `search`). Two seeded knowledge bases, one SQLite file and one PostgreSQL database,
 * each through the real migrations and the real seed, each behind the real HTTP server; then
 * every example operation of the playground, the contract's reads, and the write walkthrough
 * of docs/writing.md are sent to both, and the answers compared whole.
 *
 * Only what is each engine's by design is set aside: a revision's `at` (the clock of the
 * moment it was written) and, in `search`, the order, `score` and `snippet` (the hits
 * themselves, node and field, must be the same).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { loadExamples } from '../../src/http/examples.loader.js';
import { Role } from '../../src/shared/enums.js';
import { projectRoot } from '../../src/shared/paths.js';
import { postgresAvailable } from '../helpers/engines.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

interface Side {
  kb: TestKb;
  server: TestServer;
  editor: string;
  admin: string;
}

async function side(engine: 'sqlite' | 'postgres'): Promise<Side> {
  const kb = await openTestKb(engine, { label: 'parity' });
  await seedDatabase(kb);
  const editor = (await createKey(kb.engine, Role.EDITOR, 'Jane, desk')).key;
  const admin = (await createKey(kb.engine, Role.ADMIN, 'Ada, admin')).key;
  return { kb, server: await startTestServer(kb.engine), editor, admin };
}

/** A response with each revision's clock time replaced: the one field that differs by when, not by engine. */
function withoutClock(response: GraphQLResponse): unknown {
  return JSON.parse(JSON.stringify(response), (key, value: unknown) => (key === 'at' && typeof value === 'string' ? '<at>' : value));
}

describe.runIf(postgresAvailable())('the same answers on SQLite and PostgreSQL', () => {
  let sqlite: Side;
  let postgres: Side;

  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([side('sqlite'), side('postgres')]);
  }, 120_000);
  afterAll(async () => {
    for (const s of [sqlite, postgres]) {
      await s?.server.close();
      await s?.kb.dispose();
    }
  });

  /** Sends the operation to both servers (one after the other, so writes interleave alike) and returns both answers. */
  async function both(query: string, variables?: Record<string, unknown>, key?: 'editor' | 'admin') {
    const a = await sqlite.server.gql(query, variables, key && sqlite[key]);
    const b = await postgres.server.gql(query, variables, key && postgres[key]);
    return [a, b] as const;
  }

  async function expectSame(query: string, variables?: Record<string, unknown>, key?: 'editor' | 'admin') {
    const [a, b] = await both(query, variables, key);
    expect(a.status).toBe(200);
    expect(a.errors).toBeUndefined();
    expect(withoutClock(b)).toEqual(withoutClock(a));
    return a;
  }

  const examples = loadExamples(join(projectRoot(), 'schema', 'examples'));

  it('finds the playground examples to compare', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  for (const example of examples) {
    it(`answers the example "${example.name}" alike`, async () => {
      const variables = example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : undefined;
      if (!/\bsearch\s*\(/.test(example.query)) {
        const answer = await expectSame(example.query, variables);
        // Each example answers something: an empty answer on both would compare equal and prove nothing.
        expect(JSON.stringify(answer.data).length).toBeGreaterThan(40);
        return;
      }
      const [a, b] = await both(example.query, variables);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      const hits = (r: GraphQLResponse) => JSON.stringify(Object.values(r.data ?? {}).map((list) => (list as { node: { id: string } }[]).map((h) => h.node.id).sort()));
      // The contract: where every match fits in the page, the same hits; a full page holds each engine's best.
      const sizes = (r: GraphQLResponse) => Object.values(r.data ?? {}).map((list) => (list as unknown[]).length);
      expect(sizes(b)).toEqual(sizes(a));
      const full = /(first|limit):\s*\$?\w+/.test(example.query) || /"(first|limit)"/.test(example.variables);
      if (!full) expect(hits(b)).toBe(hits(a));
    });
  }

  const READS: [string, string, Record<string, unknown>?][] = [
    ['every node type by id', `{ nodes(ids: ["actor:iran", "event:second-round-talks", "issue:sanctions-relief", "source:000-5a5392c784a70cea", "nope"]) { id __typename } }`],
    ['actors, paged by keyset cursors', `query($after: String) { actors(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind aliases countryCode cameoCode description version evidence { exact start end prefix suffix source { id } } } } } }`],
    ['events with dates and participants', `{ events(first: 50) { totalCount edges { node { id title summary kind status start { precision year month day note } end { precision } durationDays location { id } participants { role actor { id } } issues { id } factuality { certainty polarity holder { id } cues { exact } } } } } }`],
    ['statements with speakers, relations and evidence', `{ statements(first: 100) { totalCount edges { node { id kind summary speaker { id } attribution { kind detail } target { id } date { precision year month day } issues { id } event { id } relations { id kind certainty statement { id } } factuality { certainty polarity holder { id } } evidence { exact } } } } }`],
    ['issues with positions, statements and events', `{ issues(first: 50) { totalCount edges { node { id name description positions { id stance firmness isPrecondition actor { id } conditions { id } } statements(first: 50) { totalCount edges { node { id } } } events(first: 50) { totalCount edges { node { id } } } evidence { exact } } } } }`],
    ['positions', `{ positions(first: 50) { totalCount edges { node { id stance firmness isPrecondition summary actor { id } issue { id } conditions { id } evidence { exact } factuality { certainty polarity } } } } }`],
    ['sources', `{ sources(first: 10) { totalCount edges { node { id title url contentHash } } } }`],
    ['the four questions, whole and for a pair', `{ b: blockingIssues { issue { id } rules severity certainty reasons positions { id } evidence { exact } }
        p: blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } rules certainty reasons }
        c: commonGround { issue { id } positions { id } } cp: commonGround(parties: ["actor:united-states", "actor:iran"]) { issue { id } positions { id } }
        x: contradictions { first { id } second { id } reason } t: timeline { position basis event { id } } ti: timeline(actor: "actor:iran") { position basis event { id } } }`],
    ['the questions at CERTAIN only', `{ b: blockingIssues(minCertainty: CERTAIN) { issue { id } } c: contradictions(minCertainty: CERTAIN) { reason } t: timeline(minCertainty: CERTAIN) { position event { id } } }`],
    ['the seed revision', `{ revisions(first: 5) { totalCount edges { node { number at author { name role } summary changes { nodeId nodeType op version } } } } }`],
  ];

  for (const [name, query, variables] of READS) {
    it(`answers the read "${name}" alike`, async () => {
      const answer = await expectSame(query, variables);
      expect(JSON.stringify(answer.data).length).toBeGreaterThan(40);
    });
  }

  it('pages a list alike to its end, cursor by cursor', async () => {
    let after: string | null = null;
    let pages = 0;
    do {
      const answer: GraphQLResponse = await expectSame(`query($after: String) { statements(first: 7, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
      const page = answer.data.statements;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after !== null && pages < 50);
    expect(pages).toBeGreaterThan(1);
    expect(after).toBeNull();
  });

  it('runs the write walkthrough of docs/writing.md alike, asOf and restore included', async () => {
    const source = 'source:oman-says-ministers-will-meet-again';
    const added = await expectSame(
      `mutation { addSource(input: { title: "Oman says ministers will meet again", text: "Oman said on Tuesday that the foreign ministers of Iran and the United States would meet again. Iran insists on its right to enrich uranium, while the United States rejects any enrichment on Iranian soil." }) {
        source { id contentHash } revision { number author { name role } } userErrors { code message } } }`,
      undefined,
      'editor',
    );
    expect(added.data.addSource.source.id).toBe(source);
    await expectSame(
      `mutation { createIssue(input: { name: "Uranium enrichment", description: "Whether Iran may enrich uranium on its own soil.", evidence: [{ source: "${source}", exact: "its right to enrich uranium" }] }) { issue { id version } revision { number } userErrors { code } } }`,
      undefined,
      'editor',
    );
    for (const [actor, stance, summary, exact] of [
      ['actor:iran', 'DEMANDS', 'Iran insists on its right to enrich uranium.', 'Iran insists on its right to enrich uranium'],
      ['actor:united-states', 'REJECTS', 'The United States rejects any enrichment on Iranian soil.', 'the United States rejects any enrichment'],
    ]) {
      const set = await expectSame(
        `mutation { setPosition(input: { actor: "${actor}", issue: "issue:uranium-enrichment", stance: ${stance}, summary: "${summary}", evidence: [{ source: "${source}", exact: "${exact}" }] }) { position { id version } revision { number } userErrors { code } } }`,
        undefined,
        'editor',
      );
      expect(set.data.setPosition.userErrors).toEqual([]);
    }
    const asked = await expectSame(`{ now: blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } rules certainty } before: blockingIssues(parties: ["actor:united-states", "actor:iran"], asOf: 2) { issue { id } } }`);
    expect(asked.data.now.map((b: { issue: { id: string } }) => b.issue.id)).toContain('issue:uranium-enrichment');
    expect(asked.data.before.map((b: { issue: { id: string } }) => b.issue.id)).not.toContain('issue:uranium-enrichment');

    // An EDITOR may not delete: refused alike, nothing written on either.
    const [refusedA, refusedB] = await both(`mutation { deletePosition(input: { id: "position:united-states-uranium-enrichment", expectedVersion: 1 }) { position { id } } }`, undefined, 'editor');
    // (The message names each side's own key by its prefix.)
    for (const refused of [refusedA, refusedB]) expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refusedB.data).toEqual(refusedA.data);

    const deleted = await expectSame(`mutation { deletePosition(input: { id: "position:united-states-uranium-enrichment", expectedVersion: 1 }) { position { id version } revision { number } } }`, undefined, 'admin');
    const revision = deleted.data.deletePosition.revision.number as number;
    await expectSame(
      `mutation { restore(input: { id: "position:united-states-uranium-enrichment", revision: ${revision - 1}, expectedVersion: 2 }) { node { id ... on Position { stance version } } revision { number changes { op version } } } }`,
      undefined,
      'admin',
    );
    // A stale version and a replayed idempotency key answer alike too.
    await expectSame(`mutation { updateIssue(input: { id: "issue:uranium-enrichment", expectedVersion: 9, name: "Enrichment" }) { issue { id } userErrors { code field message } } }`, undefined, 'editor');
    const update = `mutation { updateIssue(input: { id: "issue:uranium-enrichment", expectedVersion: 1, name: "Enrichment", idempotencyKey: "walkthrough-1" }) { issue { id name version } revision { number } userErrors { code } } }`;
    const first = await expectSame(update, undefined, 'editor');
    const replay = await expectSame(update, undefined, 'editor');
    expect(replay.data).toEqual(first.data);

    // The history the walkthrough wrote, node documents before and after, and a node as it was.
    await expectSame(`{ revisions(first: 20) { totalCount edges { node { number at author { name role } summary changes { nodeId nodeType op version before after } } } } }`);
    await expectSame(`{ now: node(id: "issue:uranium-enrichment") { id ... on Issue { name version } } then: node(id: "issue:uranium-enrichment", asOf: ${revision - 1}) { id ... on Issue { name version positions { id } } } }`);
  });
});
