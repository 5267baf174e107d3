/**
 * A page reads the columns its query asks of its nodes: `edges { node { id summary } }` reads
 * the id and the summary of each statement, not its 17 columns; a field with a resolver of its
 * own (`speaker`, `date`) reads the whole row. The answer is the same either way, and a row of
 * some columns never stands in for the whole row elsewhere in the request (it primes no
 * loader). On both engines, statements counted at the driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engines.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

describe.each(testEngines())('Page columns on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  const ran: string[] = [];

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'page_columns', onStatement: (sql) => ran.push(sql) });
    server = await startTestServer(kb.engine);
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  /** The answer, and the page statements of the statements list the driver ran for it. */
  async function pageOf(query: string) {
    ran.length = 0;
    const res = await server.gql(query);
    expect(res.errors).toBeUndefined();
    return { data: res.data, pages: ran.filter((sql) => /FROM statements AS s/.test(sql) && /ORDER BY/.test(sql) && !/count\(/.test(sql)) };
  }

  it('reads only the columns of the plain fields asked, through fragments too, and answers as a page of whole rows does', async () => {
    const narrow = await pageOf('{ statements(first: 5) { edges { node { id ...S ... on Statement { kind } } } } } fragment S on Statement { summary }');
    expect(narrow.pages).toHaveLength(1);
    expect(narrow.pages[0]).toMatch(/"summary"/);
    expect(narrow.pages[0]).toMatch(/"kind"/);
    expect(narrow.pages[0]).not.toMatch(/attribution_kind/);
    // `speaker` has a resolver of its own: the whole row is read.
    const whole = await pageOf('{ statements(first: 5) { edges { node { id kind summary speaker { id } } } } }');
    expect(whole.pages).toHaveLength(1);
    expect(whole.pages[0]).toMatch(/attribution_kind/);
    expect(narrow.data.statements.edges.map((e: any) => e.node)).toEqual(whole.data.statements.edges.map(({ node: { speaker: _, ...node } }: any) => node));
  });

  it('reads the nested page of the bench with the id and summary of each statement', async () => {
    const { data, pages } = await pageOf('{ actors(first: 5) { edges { node { id statements(first: 3) { totalCount edges { node { id summary } } } } } } }');
    expect(pages).toHaveLength(1);
    expect(pages[0]).not.toMatch(/attribution_kind/);
    expect(data.actors.edges.some((e: any) => e.node.statements.edges.length > 0)).toBe(true);
  });

  it('answers a node read by id whole after a page of some of its columns, in the same request', async () => {
    const first = (await pageOf('{ statements(first: 1) { edges { node { id } } } }')).data.statements.edges[0].node.id as string;
    const full = (await server.gql(`{ statement(id: "${first}") { id kind summary attribution { kind } date { precision } version } }`)).data.statement;
    const { data } = await pageOf(`{ statements(first: 1) { edges { node { id } } } again: statement(id: "${first}") { id kind summary attribution { kind } date { precision } version } }`);
    expect(data.again).toEqual(full);
    // Aliases asking the same page for different fields each get theirs.
    const both = await pageOf('{ a: statements(first: 3) { edges { node { id } } } b: statements(first: 3) { edges { node { id summary attribution { kind } } } } }');
    expect(both.data.a.edges.map((e: any) => e.node.id)).toEqual(both.data.b.edges.map((e: any) => e.node.id));
    expect(both.data.b.edges.every((e: any) => typeof e.node.summary === 'string' && typeof e.node.attribution.kind === 'string')).toBe(true);
  });
});
