/**
 * Live updates across servers (issue 17): real server processes (`node dist/src/main.js`) on
 * one PostgreSQL database, subscribers over graphql-ws on each. Every subscriber hears every
 * revision exactly once and in order, whichever server wrote it; a server whose LISTEN
 * connection is cut catches up by itself; and PostgreSQL stopped for a while (a cluster of this
 * file's own) costs a subscriber nothing once it is back.
 *
 * No sleeps: subscriptions start from `afterRevision`, so none depends on how fast it
 * registers, and each wait is for an event (the events heard, /health), with a deadline.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import type { Kb } from '../../src/db/open.js';
import { Role } from '../../src/shared/enums.js';
import { postgresAvailable } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { healthBecomes, seededOwnCluster } from '../helpers/own-cluster.js';
import { destroyCluster, findPostgresBinaries, startCluster, stopCluster, type PgClusterHandle } from '../helpers/pg-cluster.js';
import { startProcessServer, type ProcessServer } from '../helpers/process-server.js';
import { sqlRows } from '../helpers/sql.js';

const SEED = 'source:us-iran-second-round-talks';
const CREATE_ISSUE = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { revision { number } userErrors { code message } } }';
const issueInput = (name: string) => ({ name, description: 'Written through one of several servers', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] });

/** A subscriber's numbers as they arrive, and a wait for the first `count` of them. */
interface Heard {
  numbers: number[];
  until(count: number, timeoutMs?: number): Promise<number[]>;
  errors: unknown[];
}

function subscribe(clients: Client[], server: ProcessServer, afterRevision: number): Heard {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  clients.push(client);
  const numbers: number[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  client.subscribe(
    { query: `subscription { revisionAdded(afterRevision: ${afterRevision}) { number } }` },
    {
      next: (value: any) => {
        numbers.push(value.data.revisionAdded.number);
        for (const wake of waiters) wake();
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    numbers,
    errors,
    until: (count, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (numbers.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(numbers.slice());
        };
        const timer = setTimeout(() => (waiters.delete(check), reject(new Error(`heard ${numbers.length} of ${count} revisions in ${timeoutMs} ms: ${numbers.join(', ')}; errors: ${JSON.stringify(errors)}`))), timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

const latestOf = async (server: ProcessServer) => (await server.gql('{ revisions(first: 1) { edges { node { number } } } }')).data.revisions.edges[0].node.number as number;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe.runIf(postgresAvailable())('Live updates across three servers on one PostgreSQL', () => {
  let kb: TestKb;
  const servers: ProcessServer[] = [];
  const clients: Client[] = [];
  let editor: string;

  beforeAll(async () => {
    kb = await openTestKb('postgres', { seed: true, label: 'live_servers' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'live desk')).key;
    for (let i = 0; i < 3; i++) servers.push(await startProcessServer({ databaseUrl: kb.url }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(servers.map((s) => s.terminate()));
    await kb?.dispose();
  });

  it('a subscriber on each server hears every revision exactly once and in order while three writers write through three servers', async () => {
    const start = await latestOf(servers[0]!);
    const heard = servers.map((server) => subscribe(clients, server, start));
    // Three writers, ten writes each, each writer through its own server, all at once.
    const acknowledged = (
      await Promise.all(
        servers.map(async (server, w) => {
          const numbers: number[] = [];
          for (let i = 0; i < 10; i++) {
            const res = await server.gql(CREATE_ISSUE, { input: issueInput(`Writer ${w} issue ${i}`) }, editor);
            expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
            expect(res.data.createIssue.userErrors).toEqual([]);
            numbers.push(res.data.createIssue.revision.number);
          }
          return numbers;
        }),
      )
    ).flat();
    // Contiguous: every number after the start was given to exactly one acknowledged write.
    expect([...acknowledged].sort((a, b) => a - b)).toEqual(range(start + 1, 30));
    for (const [i, subscriber] of heard.entries()) {
      expect(await subscriber.until(30), `server ${i}`).toEqual(range(start + 1, 30));
    }
    // Nothing more arrives than was written: a write after, heard next, right after the 30.
    const last = await servers[1]!.gql(CREATE_ISSUE, { input: issueInput('The last one') }, editor);
    for (const subscriber of heard) expect(await subscriber.until(31)).toEqual(range(start + 1, 31));
    expect(last.data.createIssue.revision.number).toBe(start + 31);
    for (const subscriber of heard) expect(subscriber.errors).toEqual([]);
  });

  it('answers from the database state, not from what a server kept: the timeline each kept shows a write made through another at once', async () => {
    const timeline = async (server: ProcessServer) => ((await server.gql('{ timeline { event { id } } }')).data.timeline as { event: { id: string } }[]).map((e) => e.event.id);
    const before = await Promise.all(servers.map(timeline));
    // Asked twice, so each server keeps the whole base's order.
    expect(await Promise.all(servers.map(timeline))).toEqual(before);
    const created = await servers[1]!.gql(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { code } } }',
      { input: { title: 'Talks in Muscat', summary: 'A round of talks, written through the second server.', kind: 'NEGOTIATION', status: 'OCCURRED', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } },
      editor,
    );
    expect(created.data.createEvent.userErrors).toEqual([]);
    for (const [i, ids] of (await Promise.all(servers.map(timeline))).entries()) {
      expect(ids, `server ${i}`).toContain(created.data.createEvent.event.id);
      expect(ids.length, `server ${i}`).toBe(before[i]!.length + 1);
    }
  });

  it('a server whose LISTEN connection is cut reconnects and catches up, missing nothing', async () => {
    const start = await latestOf(servers[0]!);
    const heard = servers.map((server) => subscribe(clients, server, start));
    const cut = await sqlRows<{ pid: number }>(kb.engine, `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN kb_revisions'`);
    // One LISTEN connection per server, all three cut.
    expect(cut.length).toBe(3);
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await servers[i % 3]!.gql(CREATE_ISSUE, { input: issueInput(`After the cut ${i}`) }, editor)).data.createIssue.revision.number);
    expect(numbers).toEqual(range(start + 1, 5));
    for (const subscriber of heard) expect(await subscriber.until(5)).toEqual(numbers);
    // The listeners come back. A server can hear the revisions before its LISTEN connection
    // is back (its own writes and a catch-up read poke the feed), so this waits for the
    // reconnection, with a deadline, instead of asking once.
    const deadline = Date.now() + 60_000;
    let listening = 0;
    while (Date.now() < deadline) {
      listening = (await sqlRows(kb.engine, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN kb_revisions'`)).length;
      if (listening === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(listening).toBe(3);
  });
});

describe.runIf(findPostgresBinaries() !== null)('Live updates while PostgreSQL stops and starts again', () => {
  let cluster: PgClusterHandle;
  let kb: Kb;
  const servers: ProcessServer[] = [];
  const clients: Client[] = [];
  let editor: string;

  beforeAll(async () => {
    // A cluster of this file's own: stopping the run's shared one would cut off the files running beside it.
    let url: string;
    ({ cluster, kb, url } = await seededOwnCluster(2));
    editor = (await createKey(kb.engine, Role.EDITOR, 'outage desk')).key;
    for (let i = 0; i < 2; i++) servers.push(await startProcessServer({ databaseUrl: url }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(servers.map((s) => s.terminate()));
    await kb?.close();
    if (cluster) await destroyCluster(cluster);
  });

  const healthOf = (server: ProcessServer, status: number) => healthBecomes(server.url, status);

  it('coded errors meanwhile; after, subscribers resume without loss or repeat', async () => {
    const [a, b] = servers as [ProcessServer, ProcessServer];
    const start = await latestOf(a);
    const heard = subscribe(clients, a, start);
    const before = (await b.gql(CREATE_ISSUE, { input: issueInput('Before the outage') }, editor)).data.createIssue.revision.number;
    expect(await heard.until(1)).toEqual([before]);

    await stopCluster(cluster);
    try {
      await healthOf(a, 503);
      await healthOf(b, 503);
      const refused = await b.gql(CREATE_ISSUE, { input: issueInput('Never written') }, editor);
      expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await startCluster(cluster);
    }
    await healthOf(a, 200);
    await healthOf(b, 200);
    // Written through the other server as soon as it answers: heard by the subscriber on the first,
    // whether its LISTEN is back yet or it catches up when it is.
    const after = [];
    for (let i = 0; i < 3; i++) after.push((await b.gql(CREATE_ISSUE, { input: issueInput(`After the outage ${i}`) }, editor)).data.createIssue.revision.number);
    expect(after).toEqual(range(before + 1, 3));
    expect(await heard.until(4)).toEqual([before, ...after]);
    expect(heard.errors).toEqual([]);
  });
});
