/**
 * Live updates: a client subscribed over graphql-ws (the real `graphql-ws` client, on the
 * HTTP server's own port) hears each revision a mutation writes, filtered by node or type,
 * and is authenticated like HTTP when reads are closed; on SQLite and on PostgreSQL.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

describe.each(testEngines())('Live updates on $engine', ({ engine }) => {
  let kb: TestKb;
  let open: TestServer;
  let closed: TestServer;
  let locked: TestServer;
  let editor: string;
  let reader: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'live' });
    open = await startTestServer(kb.engine);
    closed = await startTestServer(kb.engine, { playground: true, reads: 'key' });
    locked = await startTestServer(kb.engine, { playground: false });
    editor = (await createKey(kb.engine, Role.EDITOR, 'live editor')).key;
    reader = (await createKey(kb.engine, Role.READER, 'live reader')).key;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await open?.close();
    await closed?.close();
    await locked?.close();
    await kb?.dispose();
  });

  function client(server: TestServer, key?: string): Client {
    const c = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(c);
    return c;
  }

  /** Subscribes and resolves with the first `count` results, or with the error the server sends. */
  function collect(c: Client, query: string, count: number): { done: Promise<unknown[]>; ready: Promise<void> } {
    const results: unknown[] = [];
    let ready!: () => void;
    const readyPromise = new Promise<void>((r) => (ready = r));
    const done = new Promise<unknown[]>((resolve, reject) => {
      const unsubscribe = c.subscribe({ query }, {
        next: (value) => {
          results.push(value);
          if (results.length === count) {
            unsubscribe();
            resolve(results);
          }
        },
        error: reject,
        complete: () => resolve(results),
      });
      c.on('connected', () => ready());
    });
    return { done, ready: readyPromise };
  }

  /** The latest revision's number: a subscription with afterRevision set to it misses nothing written after, however long it takes to start. */
  const latest = async () => (await open.gql('{ revisions(first: 1) { edges { node { number } } } }')).data.revisions.edges[0].node.number as number;

  const renameOman = (server: TestServer, version: number, description: string) =>
    server.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } userErrors { code } } }`, { input: { id: 'actor:oman', expectedVersion: version, description } }, editor);

  describe('Live: revisionAdded over graphql-ws', () => {
    it('delivers the revision a mutation writes, with its author and changes, filtered by node', async () => {
      const after = await latest();
      const all = collect(client(open), `subscription { revisionAdded(afterRevision: ${after}) { number author { name } changes { nodeId op } } }`, 2);
      const onlyIran = collect(client(open), `subscription { revisionAdded(node: "actor:iran", afterRevision: ${after}) { number } }`, 1);
      const onlyActors = collect(client(open), `subscription { revisionAdded(type: "Actor", afterRevision: ${after}) { number } }`, 2);
      const first = await renameOman(open, 1, 'Oman, host of the first round.');
      const second = await open.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } } }`, { input: { id: 'actor:iran', expectedVersion: 1, description: 'Iran.' } }, editor);
      const heard = await all.done;
      expect(heard).toEqual([
        { data: { revisionAdded: { number: first.data.updateActor.revision.number, author: { name: 'live editor' }, changes: [{ nodeId: 'actor:oman', op: 'UPDATE' }] } } },
        { data: { revisionAdded: { number: second.data.updateActor.revision.number, author: { name: 'live editor' }, changes: [{ nodeId: 'actor:iran', op: 'UPDATE' }] } } },
      ]);
      expect(await onlyIran.done).toEqual([{ data: { revisionAdded: { number: second.data.updateActor.revision.number } } }]);
      expect((await onlyActors.done).length).toBe(2);
    });

    it('closes a connection without a key when reads are closed, and serves one with a READER key', async () => {
      const refused = collect(client(closed), 'subscription { revisionAdded { number } }', 1);
      await expect(refused.done).rejects.toMatchObject({ code: 4403 });
      const allowed = collect(client(closed, reader), `subscription { revisionAdded(afterRevision: ${await latest()}) { number } }`, 1);
      const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      const write = await renameOman(open, version, 'Oman again.');
      expect(await allowed.done).toEqual([{ data: { revisionAdded: { number: write.data.updateActor.revision.number } } }]);
    });

    it('closes a connection whose key is not live', async () => {
      const refused = collect(client(open, 'kb_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 'subscription { revisionAdded { number } }', 1);
      await expect(refused.done).rejects.toMatchObject({ code: 4403 });
    });

    it('publishes nothing for a refused write or a replay', async () => {
      const heard = collect(client(open), `subscription { revisionAdded(afterRevision: ${await latest()}) { number } }`, 1);
      const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      const stale = await renameOman(open, version - 1, 'Stale.');
      expect(stale.data.updateActor.userErrors[0].code).toBe('VERSION_CONFLICT');
      const input = { id: 'actor:oman', expectedVersion: version, description: 'Once.', idempotencyKey: 'live-once' };
      const once = await open.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } } }`, { input }, editor);
      await open.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } } }`, { input }, editor);
      const next = await renameOman(open, version + 1, 'Twice.');
      // The first event heard is the idempotent write's own; the stale write and the replay added none before the next write.
      expect(await heard.done).toEqual([{ data: { revisionAdded: { number: once.data.updateActor.revision.number } } }]);
      expect(next.data.updateActor.revision.number).toBe(once.data.updateActor.revision.number + 1);
    });

    it('ends a subscription with UNAUTHENTICATED once its key is revoked, and refuses the key’s next operation', async () => {
      const { revokeKey } = await import('../../src/auth/keys.js');
      const doomed = (await createKey(kb.engine, Role.READER, 'doomed reader')).key;
      const c = client(closed, doomed);
      // Replaying the latest revision first: once it arrives, the subscription is surely running.
      const last = await latest();
      let replayed!: () => void;
      const running = new Promise<void>((resolve) => (replayed = resolve));
      const events: number[] = [];
      const ended = new Promise<unknown>((resolve) =>
        c.subscribe({ query: `subscription { revisionAdded(afterRevision: ${last - 1}) { number } }` }, { next: (v: any) => (events.push(v.data.revisionAdded.number), replayed()), error: resolve, complete: () => resolve('completed') }),
      );
      await running;
      await revokeKey(kb.engine, doomed.slice(3, 11));
      const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      await renameOman(open, version, 'After the revocation.');
      // The revision written after the revocation is not sent: the stream ends with the refusal instead.
      const errors = await ended;
      expect(events).toEqual([last]);
      expect(errors).toEqual([expect.objectContaining({ message: 'Not authenticated: the API key has been revoked.', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      const next = collect(c, '{ actors { totalCount } }', 1);
      await expect(next.done).rejects.toBeDefined();
    });

    it('with afterRevision, sends every revision after it (filters applied), then new ones: none missed, none twice', async () => {
      const start = await latest();
      const numbers: number[] = [];
      for (let i = 0; i < 3; i++) {
        const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
        numbers.push((await renameOman(open, version, `Replayed ${i}.`)).data.updateActor.revision.number);
      }
      // Three already written, two to come: the switch from the table to the feed in between.
      const stream = collect(client(open), `subscription { revisionAdded(afterRevision: ${start}) { number changes { nodeId } } }`, 5);
      const onlyIran = collect(client(open), `subscription { revisionAdded(afterRevision: ${start}, node: "actor:iran") { number } }`, 1);
      for (let i = 0; i < 2; i++) {
        const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
        numbers.push((await renameOman(open, version, `Live ${i}.`)).data.updateActor.revision.number);
      }
      const iranVersion = (await open.gql('{ actor(id: "actor:iran") { version } }')).data.actor.version;
      const iran = await open.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } } }`, { input: { id: 'actor:iran', expectedVersion: iranVersion, description: 'Iran, again.' } }, editor);
      expect((await stream.done).map((e: any) => e.data.revisionAdded.number)).toEqual(numbers);
      expect(numbers).toEqual([start + 1, start + 2, start + 3, start + 4, start + 5]);
      expect(await onlyIran.done).toEqual([{ data: { revisionAdded: { number: iran.data.updateActor.revision.number } } }]);
    });

    it('gives a client that reconnects with the last number it saw exactly what it missed', async () => {
      const first = client(open);
      const start = await latest();
      const before = collect(first, `subscription { revisionAdded(afterRevision: ${start}) { number } }`, 1);
      let version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      const seen = (await renameOman(open, version++, 'Seen.')).data.updateActor.revision.number;
      expect(await before.done).toEqual([{ data: { revisionAdded: { number: seen } } }]);
      await first.dispose();
      // While it is away, two writes.
      const missed = [(await renameOman(open, version++, 'Missed 1.')).data.updateActor.revision.number, (await renameOman(open, version++, 'Missed 2.')).data.updateActor.revision.number];
      const again = collect(client(open), `subscription { revisionAdded(afterRevision: ${seen}) { number } }`, 3);
      const live = (await renameOman(open, version++, 'Live.')).data.updateActor.revision.number;
      expect((await again.done).map((e: any) => e.data.revisionAdded.number)).toEqual([...missed, live]);
    });

    it('refuses a negative afterRevision with BAD_USER_INPUT', async () => {
      const res = collect(client(open), 'subscription { revisionAdded(afterRevision: -1) { number } }', 1);
      const errors = (await res.done.then(() => [], (e: unknown) => e)) as { message: string; extensions?: { code?: string } }[];
      expect(errors[0]).toMatchObject({ message: 'Argument "afterRevision": must be 0 or more (got -1)', extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('answers over the socket by the same rules as over HTTP: no introspection with the playground off', async () => {
      const res = collect(client(locked), '{ __schema { queryType { name } } }', 1);
      const errors = (await res.done.then(() => [], (e: unknown) => e)) as { message: string }[];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]!.message).toMatch(/introspection/i);
    });
  });
});
