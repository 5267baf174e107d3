/**
 * The floor `npm run bench` measures the server against: plain node:http, no GraphQL, answering
 * each operation of the mix (bench/mix.ts) with the same bytes as the server. Pages run
 * hand-written SQL with the project's orders through statements prepared once; the questions
 * and search call the project's own services (the same SQL and analysis, without GraphQL); the
 * write authenticates the key with the project's function and does the least a versioned,
 * recorded write must (one UPDATE, one revision, in an immediate transaction). What the floor
 * leaves out is what GraphQL, Apollo, type-graphql and the loaders add: that is the ratio.
 *
 * Run as its own process: `node dist/bench/floor.js` with DATABASE_URL and PORT.
 */
// The question services share enums with the schema's types, whose decorators need the metadata polyfill.
import 'reflect-metadata';
import { createServer } from 'node:http';
import { authenticate } from '../src/auth/keys.js';
import { openDatabase } from '../src/db/client.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../src/modules/question/question.service.js';
import { answerSearch } from '../src/modules/question/search.service.js';
import { Certainty } from '../src/shared/enums.js';
import { encodeKeyCursor } from '../src/shared/pagination.js';
import { DEEP_AFTER } from './mix.js';

const opened = openDatabase(process.env.DATABASE_URL!);
const { sqlite, engine } = opened;

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

const answers: Record<string, (variables: any, authorization: string | undefined) => unknown> = {
  Nested: () => {
    const actors = sql.actorPage.all() as { id: string; name: string }[];
    const ids = JSON.stringify(actors.map((a) => a.id));
    const totals = new Map((sql.speakerCounts.all(ids) as { parent: string; total: number }[]).map((r) => [r.parent, r.total]));
    const pages = new Map<string, { node: { id: string; summary: string } }[]>();
    for (const r of sql.speakerPages.all(ids) as { parent: string; id: string; summary: string }[]) {
      const list = pages.get(r.parent) ?? [];
      list.push({ node: { id: r.id, summary: r.summary } });
      pages.set(r.parent, list);
    }
    return {
      actors: {
        totalCount: sql.actorCount.get(),
        edges: actors.map((a) => ({ node: { id: a.id, name: a.name, statements: { totalCount: totals.get(a.id) ?? 0, edges: pages.get(a.id) ?? [] } } })),
      },
    };
  },
  Filtered: () => ({
    statements: { totalCount: sql.demandCount.get(), edges: (sql.demandPage.all() as { id: string; kind: string; summary: string }[]).map((s) => ({ node: { id: s.id, kind: s.kind, summary: s.summary } })) },
  }),
  Deep: () => ({ statements: { edges: (sql.deepPage.all(DEEP_AFTER) as string[]).map((id) => ({ cursor: encodeKeyCursor('statements/ID/ASC', [id]), node: { id } })) } }),
  Node: () => {
    const s = sql.statement.get('statement:st4242') as { id: string; kind: string; summary: string } | undefined;
    return { node: s ? { id: s.id, kind: s.kind, summary: s.summary } : null };
  },
  Search: async () => ({ search: (await answerSearch(engine, '"statement 4242"', 10)).map((h) => ({ field: h.field, score: h.score, node: { id: h.entityId } })) }),
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
  Write: async (variables, authorization) => {
    const viewer = await authenticate(engine, authorization);
    if (!viewer || 'refused' in viewer) return { updateActor: null };
    const version = write.immediate(variables.input, { name: viewer.name, role: viewer.role, keyId: viewer.keyId });
    return { updateActor: version === null ? { actor: null, userErrors: [{ code: 'VERSION_CONFLICT' }] } : { actor: { version }, userErrors: [] } };
  },
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
    void Promise.resolve(answer(variables, req.headers.authorization)).then((data) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(`${JSON.stringify({ data })}\n`); // Apollo ends its JSON with a newline
    });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
