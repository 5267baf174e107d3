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

  const renameOman = (server: TestServer, version: number, description: string) =>
    server.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { revision { number } userErrors { code } } }`, { input: { id: 'actor:oman', expectedVersion: version, description } }, editor);

  describe('Live: revisionAdded over graphql-ws', () => {
    it('delivers the revision a mutation writes, with its author and changes, filtered by node', async () => {
      const all = collect(client(open), 'subscription { revisionAdded { number author { name } changes { nodeId op } } }', 2);
      const onlyIran = collect(client(open), 'subscription { revisionAdded(node: "actor:iran") { number } }', 1);
      const onlyActors = collect(client(open), 'subscription { revisionAdded(type: "Actor") { number } }', 2);
      await Promise.all([all.ready, onlyIran.ready, onlyActors.ready]);
      // A moment for the subscriptions to register after the connection is acknowledged.
      await new Promise((r) => setTimeout(r, 100));
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
      const allowed = collect(client(closed, reader), 'subscription { revisionAdded { number } }', 1);
      await allowed.ready;
      await new Promise((r) => setTimeout(r, 100));
      const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      const write = await renameOman(open, version, 'Oman again.');
      expect(await allowed.done).toEqual([{ data: { revisionAdded: { number: write.data.updateActor.revision.number } } }]);
    });

    it('closes a connection whose key is not live', async () => {
      const refused = collect(client(open, 'kb_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 'subscription { revisionAdded { number } }', 1);
      await expect(refused.done).rejects.toMatchObject({ code: 4403 });
    });

    it('publishes nothing for a refused write or a replay', async () => {
      const heard = collect(client(open), 'subscription { revisionAdded { number } }', 1);
      await heard.ready;
      await new Promise((r) => setTimeout(r, 100));
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

    it('stops a subscription’s events once its key is revoked, and refuses the key’s next operation', async () => {
      const { revokeKey } = await import('../../src/auth/keys.js');
      const doomed = (await createKey(kb.engine, Role.READER, 'doomed reader')).key;
      const c = client(closed, doomed);
      const events: unknown[] = [];
      const ready = new Promise<void>((r) => c.on('connected', () => r()));
      c.subscribe({ query: 'subscription { revisionAdded { number } }' }, { next: (v) => events.push(v), error: () => {}, complete: () => {} });
      await ready;
      await new Promise((r) => setTimeout(r, 100));
      await revokeKey(kb.engine, doomed.slice(3, 11));
      const version = (await open.gql('{ actor(id: "actor:oman") { version } }')).data.actor.version;
      await renameOman(open, version, 'After the revocation.');
      await new Promise((r) => setTimeout(r, 300));
      expect(events).toEqual([]);
      const next = collect(c, '{ actors { totalCount } }', 1);
      await expect(next.done).rejects.toBeDefined();
    });

    it('answers over the socket by the same rules as over HTTP: no introspection with the playground off', async () => {
      const res = collect(client(locked), '{ __schema { queryType { name } } }', 1);
      const errors = (await res.done.then(() => [], (e: unknown) => e)) as { message: string }[];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]!.message).toMatch(/introspection/i);
    });
  });
});
