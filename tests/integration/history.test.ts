/**
 * History: the seed is revision 1 by "seed", every node created in it, with its document; on
 * SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { ChangeOp, Role } from '../../src/shared/enums.js';
import { createKey } from '../../src/auth/keys.js';
import { insertRevision, latestRevision, nextRevision, recordRevision } from '../../src/store/history.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer } from '../helpers/http.js';
import { openTestKb } from '../helpers/kb.js';
import { useSeededServer } from '../helpers/seeded-server.js';
import { sqlValue } from '../helpers/sql.js';

describe.each(testEngines())('History on $engine', ({ engine }) => {
  const suite = useSeededServer(engine, 'history');

  describe('History: the seed load is revision 1', () => {
    it('records every node of the seed as created by "seed", each at version 1', async () => {
      const res = await suite.server.gql(`{
      revisions(first: 5) { totalCount edges { node { id number author { name role } summary changes { nodeId nodeType op version before } } } }
      actors { totalCount edges { node { version } } }
    }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.revisions.totalCount).toBe(1);
      const [revision] = res.data.revisions.edges.map((e: any) => e.node);
      expect(revision).toMatchObject({ id: 'revision:1', number: 1, author: { name: 'seed', role: 'ADMIN' } });
      const byType = new Map<string, number>();
      for (const c of revision.changes) byType.set(c.nodeType, (byType.get(c.nodeType) ?? 0) + 1);
      expect(Object.fromEntries(byType)).toEqual({ Source: 1, Actor: 16, Issue: 6, Event: 14, Statement: 35, Position: 10, ActorRelation: 4, EventRelation: 14, StatementRelation: 3 });
      expect(revision.changes.every((c: any) => c.op === 'CREATE' && c.version === 1 && c.before === null)).toBe(true);
      expect(new Set(res.data.actors.edges.map((e: any) => e.node.version))).toEqual(new Set([1]));
    });

    it('keeps each node’s document: its row and the parts it owns', async () => {
      const res = await suite.server.gql(`{ revisions(filter: { node: "actor:abbas-araghchi" }) { totalCount edges { node { changes { nodeId node { id } after } } } } }`);
      const change = res.data.revisions.edges[0].node.changes.find((c: any) => c.nodeId === 'actor:abbas-araghchi');
      expect(change.node).toEqual({ id: 'actor:abbas-araghchi' });
      expect(change.after.row).toMatchObject({ id: 'actor:abbas-araghchi', name: 'Abbas Araghchi', version: 1 });
      expect(change.after.aliases).toEqual(['Araghchi']);
      expect(change.after.affiliations).toEqual([expect.objectContaining({ organizationId: 'actor:iran', role: 'Foreign Minister' })]);
      expect(change.after.evidence[0]).toMatchObject({ exact: 'Iranian Foreign Minister Abbas Araghchi', start: 994, end: 1033 });
      const none = await suite.server.gql(`{ revisions(filter: { author: "nobody" }) { totalCount } }`);
      expect(none.data.revisions.totalCount).toBe(0);
    });
  });

  describe('History: a revision of many changes', () => {
    it('records a revision of 5,000 changes whole', async () => {
      const records = Array.from({ length: 5000 }, (_, i) => ({ type: 'Actor' as const, id: `actor:bulk-${i}`, op: ChangeOp.CREATE, version: 1, before: null, after: null }));
      const revision = await suite.kb.engine.transaction((tx) => recordRevision(tx, { authorName: 'bulk', authorRole: Role.ADMIN, keyId: null, summary: null }, records));
      expect(await sqlValue(suite.kb.engine, 'SELECT count(*) AS n FROM changes WHERE revision = ?', [revision.number])).toBe(5000);
    });
  });

  describe('History: an idempotency key is claimed by the revision that uses it', () => {
    it('inserts the first revision with a key, and claims nothing (no row) for a second one with the same key of the same API key', async () => {
      const { engine } = suite.kb;
      const { row: key } = await createKey(engine, Role.EDITOR, 'claims');
      const latest = await latestRevision(engine);
      const meta = { authorName: 'claims', authorRole: Role.EDITOR, keyId: key.id, summary: null, idempotencyKey: 'claim-1', inputHash: 'h', result: { type: 'Actor', doc: null } };
      const tried = engine.transaction(async (tx) => {
        const first = await insertRevision(tx, await nextRevision(tx), meta);
        expect(first).toMatchObject({ number: latest + 1, keyId: key.id, idempotencyKey: 'claim-1', result: { type: 'Actor', doc: null } });
        expect(await insertRevision(tx, await nextRevision(tx), meta)).toBeNull();
        // A revision made without an API key claims nothing: NULL key ids never conflict, on either engine.
        expect(await insertRevision(tx, await nextRevision(tx), { ...meta, keyId: null })).toMatchObject({ number: latest + 3 });
        throw new Error('rolled back');
      });
      await expect(tried).rejects.toThrow('rolled back');
      expect(await latestRevision(engine)).toBe(latest);
      expect(await sqlValue(engine, 'SELECT last FROM revision_counter')).toBe(latest);
    });
  });

  describe('History: nodes(ids, asOf) reads every node in the same statements, whatever their number', () => {
    it('runs as many statements at the driver for 22 ids as for 1', async () => {
      const run: string[] = [];
      const box = { recording: false };
      const kb = await openTestKb(engine, { seed: true, label: 'history_asof', onStatement: (text) => box.recording && run.push(text) });
      const server = await startTestServer(kb.engine);
      try {
        const listed = await server.gql('{ actors(first: 16) { edges { node { id } } } issues(first: 6) { edges { node { id } } } }');
        const ids: string[] = [...listed.data.actors.edges, ...listed.data.issues.edges].map((e: any) => e.node.id);
        expect(ids).toHaveLength(22);
        const statementsFor = async (asked: string[]) => {
          run.length = 0;
          box.recording = true;
          const res = await server.gql('query($ids: [ID!]!) { nodes(ids: $ids, asOf: 1) { id } }', { ids: asked });
          box.recording = false;
          expect(res.data.nodes.map((n: any) => n.id)).toEqual(asked);
          return run.length;
        };
        const one = await statementsFor(ids.slice(0, 1));
        expect(one).toBeGreaterThan(0);
        expect(await statementsFor(ids)).toBe(one);
      } finally {
        await server.close();
        await kb.dispose();
      }
    });
  });
});
