/**
 * The floor `npm run bench` measures the server against: plain node:http, no GraphQL, answering
 * each operation of the mix (bench/mix.ts) with the same bytes as the server. Pages run
 * hand-written SQL with the project's orders through statements prepared once; the questions
 * and search call the project's own services (the same SQL and analysis, without GraphQL); the
 * write authenticates the key with the project's function and does the least a versioned,
 * recorded write must (one UPDATE, one revision, in an immediate transaction). What the floor
 * leaves out is what GraphQL, Apollo, type-graphql and the loaders add: that is the ratio.
 *
 * On either engine, by DATABASE_URL: on SQLite the pages are better-sqlite3 statements; on
 * PostgreSQL the same statements translated, named and prepared through node-postgres over a
 * pool (`pgFloor`). The questions and search run on the project's engine for that database.
 *
 * Run as its own process: `node dist/bench/floor.js` with DATABASE_URL and PORT.
 */
// The question services share enums with the schema's types, whose decorators need the metadata polyfill.
import 'reflect-metadata';
import { createServer } from 'node:http';
import { authenticate } from '../src/auth/keys.js';
import { openDatabase } from '../src/db/client.js';
import { parseDatabaseUrl } from '../src/db/database-url.js';
import type { Engine } from '../src/db/engine.js';
import { pgEngine } from '../src/db/pg/engine.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../src/modules/question/question.service.js';
import { answerSearch } from '../src/modules/question/search.service.js';
import { Certainty } from '../src/shared/enums.js';
import { encodeKeyCursor } from '../src/shared/pagination.js';
import { DEEP_AFTER } from './mix.js';

const url = process.env.DATABASE_URL!;

/** What each engine's floor answers with its own hand-written SQL: the pages, the lookup and the write. */
type Answer = (variables: any, authorization: string | undefined) => unknown;
type Pages = Record<'Nested' | 'Filtered' | 'First' | 'Deep' | 'Node' | 'Write', Answer>;
interface NestedRows {
  actors: { id: string; name: string }[];
  total: number;
  counts: { parent: string; total: number }[];
  pages: { parent: string; id: string; summary: string }[];
}

/** The nested page's answer from its four reads, the same on both engines. */
function nested({ actors, total, counts, pages: rows }: NestedRows) {
  const totals = new Map(counts.map((r) => [r.parent, r.total]));
  const pages = new Map<string, { node: { id: string; summary: string } }[]>();
  for (const r of rows) {
    const list = pages.get(r.parent) ?? [];
    list.push({ node: { id: r.id, summary: r.summary } });
    pages.set(r.parent, list);
  }
  return {
    actors: {
      totalCount: total,
      edges: actors.map((a) => ({ node: { id: a.id, name: a.name, statements: { totalCount: totals.get(a.id) ?? 0, edges: pages.get(a.id) ?? [] } } })),
    },
  };
}

const deepEdges = (ids: string[]) => ({ statements: { edges: ids.map((id) => ({ cursor: encodeKeyCursor('statements/ID/ASC', [id]), node: { id } })) } });
const nodeOf = (s: { id: string; kind: string; summary: string } | undefined) => ({ node: s ? { id: s.id, kind: s.kind, summary: s.summary } : null });
const writeAnswer = (version: number | null) => ({ updateActor: version === null ? { actor: null, userErrors: [{ code: 'VERSION_CONFLICT' }] } : { actor: { version }, userErrors: [] } });

/** SQLite: better-sqlite3 statements prepared once, run synchronously as the project's engine does. */
function sqliteFloor(): { engine: Engine; pages: Pages } {
  const { sqlite, engine } = openDatabase(url);
  /** The project's order of first mention: the stored, indexed column (migration 0007). */
  const MENTION = (table: string) => `${table}.first_mention`;
  const sql = {
    actorCount: sqlite.prepare('SELECT count(*) AS n FROM actors').pluck(),
    actorPage: sqlite.prepare('SELECT id, name FROM actors ORDER BY name COLLATE NOCASE ASC, id ASC LIMIT 20'),
    speakerCounts: sqlite.prepare('SELECT speaker_id AS parent, count(*) AS total FROM statements WHERE speaker_id IN (SELECT value FROM json_each(?)) GROUP BY 1'),
    speakerPages: sqlite.prepare(`SELECT parent, id, summary FROM (
        SELECT speaker_id AS parent, id, summary, row_number() OVER (PARTITION BY speaker_id ORDER BY ${MENTION('statements')} ASC, id ASC) AS rn
        FROM statements WHERE speaker_id IN (SELECT value FROM json_each(?))
      ) WHERE rn <= 10 ORDER BY parent, rn`),
    demandCount: sqlite.prepare(`SELECT count(*) AS n FROM statements WHERE kind = 'DEMAND'`).pluck(),
    demandPage: sqlite.prepare(`SELECT id, kind, summary FROM statements WHERE kind = 'DEMAND' ORDER BY ${MENTION('statements')} ASC, id ASC LIMIT 20`),
    firstPage: sqlite.prepare(`SELECT id FROM statements ORDER BY id ASC LIMIT 20`).pluck(),
    deepPage: sqlite.prepare(`SELECT id FROM statements WHERE id > ? ORDER BY id ASC LIMIT 20`).pluck(),
    statement: sqlite.prepare('SELECT id, kind, summary FROM statements WHERE id = ?'),
    update: sqlite.prepare('UPDATE actors SET cameo_code = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING version').pluck(),
    revision: sqlite.prepare('INSERT INTO revisions (number, at, author_name, author_role, key_id) VALUES ((SELECT max(number) + 1 FROM revisions), ?, ?, ?, ?)'),
  };

  const write = sqlite.transaction((input: { id: string; expectedVersion: number; cameoCode: string }, author: { name: string; role: string; keyId: number }) => {
    const version = sql.update.get(input.cameoCode, input.id, input.expectedVersion) as number | undefined;
    if (version === undefined) return null;
    sql.revision.run(new Date().toISOString(), author.name, author.role, author.keyId);
    return version;
  });

  return {
    engine,
    pages: {
      Nested: () => {
        const actors = sql.actorPage.all() as NestedRows['actors'];
        const ids = JSON.stringify(actors.map((a) => a.id));
        const counts = sql.speakerCounts.all(ids) as NestedRows['counts'];
        const pages = sql.speakerPages.all(ids) as NestedRows['pages'];
        return nested({ actors, counts, pages, total: sql.actorCount.get() as number });
      },
      Filtered: () => ({
        statements: { totalCount: sql.demandCount.get(), edges: (sql.demandPage.all() as { id: string; kind: string; summary: string }[]).map((s) => ({ node: { id: s.id, kind: s.kind, summary: s.summary } })) },
      }),
      First: () => deepEdges(sql.firstPage.all() as string[]),
      Deep: () => deepEdges(sql.deepPage.all(DEEP_AFTER) as string[]),
      Node: () => nodeOf(sql.statement.get('statement:st4242') as { id: string; kind: string; summary: string } | undefined),
      Write: async (variables, authorization) => {
        const viewer = await authenticate(engine, authorization);
        if (!viewer || 'refused' in viewer) return { updateActor: null };
        return writeAnswer(write.immediate(variables.input, { name: viewer.name, role: viewer.role, keyId: viewer.keyId }));
      },
    },
  };
}

/**
 * PostgreSQL: the SQLite floor's statements translated (the project's orders there: `lower(name)`
 * for NOCASE, first mention with NULLS FIRST, id lists as one `text[]`), each a named prepared
 * statement (`{ name, text, values }`: node-postgres prepares it once per connection) over a
 * pool of the server's size, through the project's engine so that numbers are read as the
 * server reads them. The write takes its revision number from the counter row in its
 * transaction, the least that numbers writes without gaps under concurrent transactions.
 */
function pgFloor(): { engine: Engine; pages: Pages } {
  const engine = pgEngine(url);
  const { pool } = engine;
  const named = (name: string, text: string) => ({ name: `floor_${name}`, text });
  const sql = {
    actorCount: named('actor_count', 'SELECT count(*) AS n FROM actors'),
    actorPage: named('actor_page', 'SELECT id, name FROM actors ORDER BY lower(name) ASC, id ASC LIMIT 20'),
    speakerCounts: named('speaker_counts', 'SELECT speaker_id AS parent, count(*) AS total FROM statements WHERE speaker_id = ANY($1::text[]) GROUP BY 1'),
    speakerPages: named(
      'speaker_pages',
      `SELECT parent, id, summary FROM (
        SELECT speaker_id AS parent, id, summary, row_number() OVER (PARTITION BY speaker_id ORDER BY first_mention ASC NULLS FIRST, id ASC) AS rn
        FROM statements WHERE speaker_id = ANY($1::text[])
      ) AS w WHERE rn <= 10 ORDER BY parent, rn`,
    ),
    demandCount: named('demand_count', `SELECT count(*) AS n FROM statements WHERE kind = 'DEMAND'`),
    demandPage: named('demand_page', `SELECT id, kind, summary FROM statements WHERE kind = 'DEMAND' ORDER BY first_mention ASC NULLS FIRST, id ASC LIMIT 20`),
    firstPage: named('first_page', 'SELECT id FROM statements ORDER BY id ASC LIMIT 20'),
    deepPage: named('deep_page', 'SELECT id FROM statements WHERE id > $1 ORDER BY id ASC LIMIT 20'),
    statement: named('statement', 'SELECT id, kind, summary FROM statements WHERE id = $1'),
    update: named('update', 'UPDATE actors SET cameo_code = $1, version = version + 1 WHERE id = $2 AND version = $3 RETURNING version'),
    next: named('next', 'UPDATE revision_counter SET last = last + 1 WHERE id = 1 RETURNING last'),
    revision: named('revision', 'INSERT INTO revisions (number, at, author_name, author_role, key_id) VALUES ($1, $2, $3, $4, $5)'),
  };
  const rows = async <R>(s: { name: string; text: string }, values: unknown[] = []): Promise<R[]> => (await pool.query({ ...s, values })).rows as R[];

  async function write(input: { id: string; expectedVersion: number; cameoCode: string }, author: { name: string; role: string; keyId: number }): Promise<number | null> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const updated = (await client.query({ ...sql.update, values: [input.cameoCode, input.id, input.expectedVersion] })).rows[0] as { version: number } | undefined;
      if (!updated) {
        await client.query('ROLLBACK');
        return null;
      }
      const { last } = (await client.query({ ...sql.next, values: [] })).rows[0] as { last: number };
      await client.query({ ...sql.revision, values: [last, new Date().toISOString(), author.name, author.role, author.keyId] });
      await client.query('COMMIT');
      return updated.version;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    engine,
    pages: {
      Nested: async () => {
        const actors = await rows<NestedRows['actors'][number]>(sql.actorPage);
        const ids = actors.map((a) => a.id);
        const counts = await rows<NestedRows['counts'][number]>(sql.speakerCounts, [ids]);
        const pages = await rows<NestedRows['pages'][number]>(sql.speakerPages, [ids]);
        const [{ n }] = await rows<{ n: number }>(sql.actorCount);
        return nested({ actors, counts, pages, total: n! });
      },
      Filtered: async () => {
        const [{ n }] = await rows<{ n: number }>(sql.demandCount);
        const page = await rows<{ id: string; kind: string; summary: string }>(sql.demandPage);
        return { statements: { totalCount: n, edges: page.map((s) => ({ node: { id: s.id, kind: s.kind, summary: s.summary } })) } };
      },
      First: async () => deepEdges((await rows<{ id: string }>(sql.firstPage)).map((r) => r.id)),
      Deep: async () => deepEdges((await rows<{ id: string }>(sql.deepPage, [DEEP_AFTER])).map((r) => r.id)),
      Node: async () => nodeOf((await rows<{ id: string; kind: string; summary: string }>(sql.statement, ['statement:st4242']))[0]),
      Write: async (variables, authorization) => {
        const viewer = await authenticate(engine, authorization);
        if (!viewer || 'refused' in viewer) return { updateActor: null };
        return writeAnswer(await write(variables.input, { name: viewer.name, role: viewer.role, keyId: viewer.keyId }));
      },
    },
  };
}

const { engine, pages } = parseDatabaseUrl(url).engine === 'sqlite' ? sqliteFloor() : pgFloor();
/** The questions read through the engine, as a request's context does. */
const opened = { engine };

const answers: Record<string, Answer> = {
  ...pages,
  Search: async () => ({ search: (await answerSearch(engine, '"statement 4242"', 10)).map((h) => ({ field: h.field, score: h.score, node: { id: h.entityId } })) }),
  SearchCommon: async () => ({ search: (await answerSearch(engine, 'statement', 10)).map((h) => ({ field: h.field, score: h.score, node: { id: h.entityId } })) }),
  Blocking: async () => ({
    blockingIssues: (await answerBlockingIssues(opened, { parties: ['actor:state-0', 'actor:state-1'], minCertainty: Certainty.POSSIBLE, asOf: null })).map((b) => ({ issue: { id: b.issueId }, rule: b.rule, severity: b.severity, certainty: b.certainty })),
  }),
  Common: async () => ({
    commonGround: (await answerCommonGround(opened, { parties: ['actor:state-0', 'actor:state-1'], includeSilent: true, minCertainty: Certainty.POSSIBLE, asOf: null })).map((c) => ({ issue: { id: c.issueId }, complete: c.complete, certainty: c.certainty })),
  }),
  Timeline: async () => ({
    timeline: (await answerTimeline(opened, { actor: 'actor:state-0', issue: null, minCertainty: Certainty.POSSIBLE, asOf: null })).map((e) => ({ position: e.position, dated: e.dated, event: { id: e.eventId } })),
  }),
  Contradictions: async () => ({
    contradictions: (await answerContradictions(opened, { actor: 'actor:state-0', issue: null, minCertainty: Certainty.POSSIBLE, asOf: null })).map((c) => ({
      basis: c.basis,
      certainty: c.certainty,
      reason: c.reason,
      first: { id: c.firstId },
      second: { id: c.secondId },
    })),
  }),
};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName: string; variables?: unknown };
    const answer = answers[operationName];
    if (!answer) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `the floor does not know ${operationName}` }] }));
      return;
    }
    void Promise.resolve(answer(variables, req.headers.authorization)).then(
      (data) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(`${JSON.stringify({ data })}\n`); // Apollo ends its JSON with a newline
      },
      // An operation the engine cannot answer yet is said, not a crash of the floor.
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
