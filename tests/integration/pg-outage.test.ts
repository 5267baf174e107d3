/**
 * PostgreSQL going away while the server runs (issue 16, "Bad input and faults"): a cluster of
 * this file's own (stopping the run's shared one would cut off the files running beside it),
 * the real HTTP server in process on it. While the cluster is stopped, reads and writes get
 * errors coded SERVICE_UNAVAILABLE (no stack, not INTERNAL_SERVER_ERROR), /health answers 503,
 * and the server stays up; once the cluster is started again it answers again, by itself. A
 * write cut off by the stop is whole or absent: every write the API acknowledged is there, and
 * every revision holds its change and the node it created, or neither exists.
 *
 * Nothing here sleeps to let something happen: the recovery is awaited by polling /health
 * with a generous deadline, and the outage starts once the stream of writes has been seen
 * writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import type { Kb } from '../../src/db/open.js';
import { Role } from '../../src/shared/enums.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { healthBecomes, seededOwnCluster } from '../helpers/own-cluster.js';
import { destroyCluster, findPostgresBinaries, startCluster, stopCluster, type PgClusterHandle } from '../helpers/pg-cluster.js';
import { sqlRows, sqlValue } from '../helpers/sql.js';

const SEED = 'source:us-iran-second-round-talks';
const CREATE_ISSUE = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } revision { number } userErrors { code message } } }';
const issueInput = (name: string) => ({ name, description: 'Written while the database may go away', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] });

describe.runIf(findPostgresBinaries() !== null)('PostgreSQL going away while the server runs', () => {
  let cluster: PgClusterHandle;
  let kb: Kb;
  let server: TestServer;
  let editor: string;

  beforeAll(async () => {
    ({ cluster, kb } = await seededOwnCluster(4));
    editor = (await createKey(kb.engine, Role.EDITOR, 'outage desk')).key;
    server = await startTestServer(kb.engine);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await kb?.close();
    if (cluster) await destroyCluster(cluster);
  });

  const healthBecomesOk = () => healthBecomes(server.url, 200);

  /** An answer's errors are the coded unavailability, with no stack trace and no internals. */
  function expectUnavailable(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }, what: string): void {
    expect(res.errors?.length, what).toBeGreaterThan(0);
    for (const error of res.errors!) {
      expect(error.extensions?.code, what).toBe('SERVICE_UNAVAILABLE');
      expect(error.message, what).toBe('The database is unavailable; try again shortly');
    }
    expect(JSON.stringify(res), what).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR|ECONNREFUSED|57P01|\bat \w+ \(/);
  }

  it('answers reads and writes with SERVICE_UNAVAILABLE and /health with 503 while stopped, stays up, and answers again once started', async () => {
    expect((await server.gql('{ actors { totalCount } }')).data.actors.totalCount).toBe(16);
    await stopCluster(cluster);
    try {
      expectUnavailable(await server.gql('{ actors { totalCount } }'), 'a list');
      expectUnavailable(await server.gql('{ actor(id: "actor:iran") { name } }'), 'a node');
      expectUnavailable(await server.gql('{ blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } } }'), 'a question');
      const refused = await server.gql(CREATE_ISSUE, { input: issueInput('Never written') }, editor);
      expectUnavailable(refused, 'a mutation');
      expect(refused.status).toBe(503);
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', error: { code: 'SERVICE_UNAVAILABLE' } });
      // Still up: the HTTP server answers what needs no database.
      expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await startCluster(cluster);
    }
    await healthBecomesOk();
    expect((await server.gql('{ actors { totalCount } }')).data.actors.totalCount).toBe(16);
    const written = await server.gql(CREATE_ISSUE, { input: issueInput('Written after the outage') }, editor);
    expect(written.errors).toBeUndefined();
    expect(written.data.createIssue.userErrors).toEqual([]);
    expect((await server.gql('{ node(id: "issue:never-written") { id } }')).data).toEqual({ node: null });
  });

  it('keeps a write cut off by the outage whole or absent: every acknowledged write is there, every revision complete', async () => {
    const acknowledged: { id: string; revision: number }[] = [];
    const unavailable: string[] = [];
    const other: unknown[] = [];
    let stopping: Promise<void> | null = null;
    let seq = 0;

    // Four writers, each writing issues one after the other until the outage has refused it twice.
    const writer = async (w: number) => {
      let refused = 0;
      while (refused < 2) {
        const res = await server.gql(CREATE_ISSUE, { input: issueInput(`Outage issue ${w} ${seq++}`) }, editor);
        const payload = res.data?.createIssue;
        if (payload && payload.userErrors.length === 0) acknowledged.push({ id: payload.issue.id, revision: payload.revision.number });
        else if (res.errors?.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) (unavailable.push(`writer ${w}`), refused++);
        else other.push(res);
        // The outage begins once the stream is seen writing (no timer guessing when it will be).
        if (acknowledged.length >= 20 && !stopping) stopping = stopCluster(cluster);
        if (other.length > 0) return;
      }
    };
    try {
      await Promise.all([0, 1, 2, 3].map(writer));
    } finally {
      await stopping;
      await startCluster(cluster);
    }
    expect(other).toEqual([]);
    expect(unavailable.length).toBe(8);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    await healthBecomesOk();

    const { engine } = kb;
    // Every acknowledged write is there: its node, its revision, its change.
    for (const { id, revision } of acknowledged) {
      expect(await sqlValue(engine, 'SELECT count(*) FROM issues WHERE id = ?', [id]), id).toBe(1);
      expect(await sqlValue(engine, `SELECT count(*) FROM changes WHERE revision = ? AND node_id = ? AND op = 'CREATE'`, [revision, id]), id).toBe(1);
    }
    // Every revision is whole: one change each, its node present; every outage issue has its revision.
    const revisions = await sqlRows<{ number: number; changes: number }>(engine, 'SELECT r.number AS number, (SELECT count(*) FROM changes AS c WHERE c.revision = r.number) AS changes FROM revisions AS r ORDER BY r.number');
    expect(revisions.map((r) => r.number)).toEqual(revisions.map((_, i) => i + 1));
    expect(revisions.filter((r) => r.changes === 0)).toEqual([]);
    expect(await sqlValue(engine, 'SELECT last FROM revision_counter')).toBe(revisions.at(-1)!.number);
    const orphans = await sqlRows(
      engine,
      `SELECT i.id AS id FROM issues AS i WHERE i.name LIKE 'Outage issue %' AND NOT EXISTS (SELECT 1 FROM changes AS c WHERE c.node_id = i.id AND c.op = 'CREATE')`,
    );
    expect(orphans).toEqual([]);
    const lost = await sqlRows(
      engine,
      `SELECT c.node_id AS id FROM changes AS c WHERE c.node_type = 'Issue' AND c.op = 'CREATE' AND NOT EXISTS (SELECT 1 FROM issues AS i WHERE i.id = c.node_id)`,
    );
    expect(lost).toEqual([]);
    // The server writes again after the outage, with the next number.
    const after = await server.gql(CREATE_ISSUE, { input: issueInput('Written after the stream') }, editor);
    expect(after.data.createIssue.revision.number).toBe(revisions.at(-1)!.number + 1);
  });
});
