/**
 * Several servers, one knowledge base (issue 17): three real server processes
 * (`node dist/src/main.js`) on one PostgreSQL database, meeting only in it. A write through any
 * is read through all at once (a node, a list, the history, a question's kept answer); revision
 * numbers stay contiguous and follow the order of commits under concurrent writers on all
 * three; thirty concurrent updates of one node with one `expectedVersion` have exactly one
 * winner; and a server killed with SIGKILL in the middle of a write stream loses no write that
 * was acknowledged.
 *
 * Nothing here sleeps: a step starts once the stream has been seen doing what it waits for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { postgresAvailable } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startProcessServer, type ProcessServer } from '../helpers/process-server.js';
import { sqlRows, sqlValue } from '../helpers/sql.js';

const SEED = 'source:us-iran-second-round-talks';
const CREATE_ISSUE = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } revision { number } userErrors { code message } } }';
const issueInput = (name: string) => ({ name, description: 'Written by one of several servers', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] });

/** A write the API acknowledged: its node, its revision, and when it was sent and answered (performance.now()). */
interface Acknowledged {
  id: string;
  revision: number;
  sentAt: number;
  answeredAt: number;
}

describe.runIf(postgresAvailable())('Several servers on one PostgreSQL database', () => {
  let kb: TestKb;
  let editor: string;
  let servers: ProcessServer[] = [];

  beforeAll(async () => {
    kb = await openTestKb('postgres', { seed: true, label: 'several_servers' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'several desk')).key;
    servers = await Promise.all([1, 2, 3].map(() => startProcessServer({ databaseUrl: kb.url })));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.terminate('SIGKILL')));
    await kb?.dispose();
  });

  /** Creates an issue through `server`; resolves with the acknowledgement, or null when the answer was anything else. */
  async function createIssue(server: ProcessServer, name: string): Promise<Acknowledged | { failure: unknown }> {
    const sentAt = performance.now();
    let res;
    try {
      res = await server.gql(CREATE_ISSUE, { input: issueInput(name) }, editor);
    } catch (error) {
      return { failure: String(error) };
    }
    const payload = res.data?.createIssue;
    if (res.status !== 200 || res.errors || !payload || payload.userErrors.length > 0) return { failure: res };
    return { id: payload.issue.id, revision: payload.revision.number, sentAt, answeredAt: performance.now() };
  }

  /** Every revision in the database, numbered 1…n without a gap, each with its changes; and the counter at n. */
  async function expectWholeHistory(): Promise<number[]> {
    const revisions = await sqlRows<{ number: number; changes: number }>(kb.engine, 'SELECT r.number AS number, (SELECT count(*) FROM changes AS c WHERE c.revision = r.number) AS changes FROM revisions AS r ORDER BY r.number');
    const numbers = revisions.map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(revisions.filter((r) => r.changes === 0)).toEqual([]);
    expect(await sqlValue(kb.engine, 'SELECT last FROM revision_counter')).toBe(numbers.at(-1));
    return numbers;
  }

  /** Every acknowledged write is in the database: its node, its revision, its change, under the number it was answered with. */
  async function expectAllThere(acknowledged: Acknowledged[]): Promise<void> {
    const stored = new Map(
      (await sqlRows<{ id: string; revision: number }>(kb.engine, `SELECT c.node_id AS id, c.revision AS revision FROM changes AS c JOIN issues AS i ON i.id = c.node_id WHERE c.op = 'CREATE' AND c.node_type = 'Issue'`)).map((r) => [r.id, r.revision]),
    );
    const missing = acknowledged.filter((a) => stored.get(a.id) !== a.revision);
    expect(missing, 'acknowledged writes not found under their revision').toEqual([]);
  }

  it('reads a write made through any server through every server at once', async () => {
    const timeline = async (server: ProcessServer) => ((await server.gql('{ timeline { event { id } } }')).data.timeline as { event: { id: string } }[]).map((e) => e.event.id);
    // Each server has ordered the whole timeline once and kept it (kept per database state).
    for (const server of servers) await timeline(server);
    const events = (await servers[0]!.gql('{ events { totalCount } }')).data.events.totalCount as number;
    for (const [w, writer] of servers.entries()) {
      const name = `Read everywhere ${w}`;
      const written = await writer.gql(
        'mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } revision { number } userErrors { code } } }',
        { input: { title: name, summary: 's', kind: 'OTHER', status: 'OCCURRED', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } },
        editor,
      );
      expect(written.data.createEvent.userErrors).toEqual([]);
      const { event, revision } = written.data.createEvent;
      for (const [r, reader] of servers.entries()) {
        const read = await reader.gql('query($id: ID!) { node(id: $id) { ... on Event { title } } revisions(first: 1) { edges { node { number } } } events { totalCount } }', { id: event.id });
        expect(read.errors, `server ${r} after a write through server ${w}`).toBeUndefined();
        expect(read.data, `server ${r} after a write through server ${w}`).toEqual({
          node: { title: name },
          revisions: { edges: [{ node: { number: revision.number } }] },
          events: { totalCount: events + w + 1 },
        });
        expect(await timeline(reader), `server ${r}'s timeline after a write through server ${w}`).toContain(event.id);
      }
    }
  });

  it('numbers revisions without a gap and in the order of their commits under nine concurrent writers on three servers', async () => {
    const acknowledged: Acknowledged[] = [];
    const failures: unknown[] = [];
    const writer = async (server: ProcessServer, w: number) => {
      for (let i = 0; i < 12; i++) {
        const result = await createIssue(server, `Concurrent ${w} ${i}`);
        if ('failure' in result) failures.push(result.failure);
        else acknowledged.push(result);
      }
    };
    const first = (await sqlValue(kb.engine, 'SELECT last FROM revision_counter')) as number;
    await Promise.all(servers.flatMap((server, s) => [0, 1, 2].map((k) => writer(server, s * 3 + k))));
    expect(failures).toEqual([]);
    expect(acknowledged).toHaveLength(9 * 12);

    // Contiguous: the acknowledged writes took exactly the numbers after the first, one each.
    const numbers = acknowledged.map((a) => a.revision).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => first + 1 + i));
    await expectWholeHistory();
    await expectAllThere(acknowledged);
    // In commit order: a write answered before another was sent has the smaller number.
    const inversions: string[] = [];
    for (const a of acknowledged) for (const b of acknowledged) if (a.answeredAt < b.sentAt && a.revision > b.revision) inversions.push(`${a.id} (${a.revision}) before ${b.id} (${b.revision})`);
    expect(inversions).toEqual([]);
    // Every server lists the same history.
    for (const server of servers) {
      const page = await server.gql('{ revisions(first: 100) { totalCount edges { node { number } } } }');
      expect(page.data.revisions.totalCount).toBe(first + acknowledged.length);
      expect(page.data.revisions.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual(numbers.slice().reverse().slice(0, 100));
    }
  });

  it('lets exactly one of thirty concurrent updates with the same expectedVersion win, spread over three servers; the version goes up by one', async () => {
    const { version } = (await servers[0]!.gql('{ actor(id: "actor:oman") { version } }')).data.actor;
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        servers[i % 3]!.gql('mutation($input: UpdateActorInput!) { updateActor(input: $input) { actor { version } revision { number } userErrors { code message } } }', { input: { id: 'actor:oman', expectedVersion: version, description: `Attempt ${i}` } }, editor),
      ),
    );
    expect(attempts.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
    const outcomes = attempts.map((a) => a.data.updateActor);
    const winners = outcomes.filter((o) => o.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(winners[0].actor.version).toBe(version + 1);
    const losers = outcomes.filter((o) => o.userErrors.length > 0);
    expect(losers).toHaveLength(29);
    for (const loser of losers) {
      expect(loser.revision).toBeNull();
      expect(loser.userErrors).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT', message: expect.stringContaining(`actor:oman is at version ${version + 1}, not ${version}`) })]);
    }
    for (const server of servers) expect((await server.gql('{ actor(id: "actor:oman") { version description } }')).data.actor).toEqual({ version: version + 1, description: expect.stringMatching(/^Attempt \d+$/) });
    expect(await sqlValue(kb.engine, `SELECT count(*) FROM changes WHERE node_id = 'actor:oman' AND revision > 1`)).toBe(1);
    await expectWholeHistory();
  });

  it('loses no acknowledged write when one server is killed with SIGKILL during a write stream', async () => {
    const victim = servers[2]!;
    const acknowledged: Acknowledged[] = [];
    const failedOnVictim: unknown[] = [];
    const failedElsewhere: unknown[] = [];
    let killed: Promise<unknown> | null = null;
    let afterKill = 0;

    // Two writers per server; the victim's stop at their first failure. The kill comes once the
    // stream has been seen writing; the survivors write on until twenty more are acknowledged.
    const writer = async (server: ProcessServer, w: number) => {
      for (let i = 0; ; i++) {
        if (server !== victim && killed && afterKill >= 20) return;
        const result = await createIssue(server, `Kill stream ${w} ${i}`);
        if ('failure' in result) {
          (server === victim ? failedOnVictim : failedElsewhere).push(result.failure);
          if (server === victim) return;
        } else {
          acknowledged.push(result);
          if (killed && server !== victim) afterKill++;
        }
        if (!killed && acknowledged.length >= 30) killed = victim.kill();
        if (failedElsewhere.length > 0) return;
      }
    };
    await Promise.all(servers.flatMap((server, s) => [0, 1].map((k) => writer(server, s * 2 + k))));
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(failedElsewhere).toEqual([]);
    expect(failedOnVictim.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(50);

    await expectAllThere(acknowledged);
    const numbers = await expectWholeHistory();
    // A write the victim committed but could not answer may be there too; nothing else is.
    const issues = (await sqlValue(kb.engine, `SELECT count(*) FROM issues WHERE name LIKE 'Kill stream %'`)) as number;
    expect(issues).toBeGreaterThanOrEqual(acknowledged.length);
    expect(issues).toBeLessThanOrEqual(acknowledged.length + 2);
    // The survivors write on with the next number.
    const next = await createIssue(servers[0]!, 'After the kill');
    expect(next).toMatchObject({ revision: numbers.at(-1)! + 1 });
  });
});
