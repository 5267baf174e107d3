/**
 * The requests `npm run soak` sends, and how each answer is judged.
 *
 * Nine requests in ten are reads: every example of schema/examples (the playground's, so the
 * questions researchers ask: blockingIssues, commonGround, contradictions, timeline …), plus
 * `node` and `search` reads, taken in turn, half with a READER key and half without a key
 * (the rate limit keeps one budget per key and one per address, so both paths are soaked).
 * The tenth is a write with the EDITOR key: a `createStatement` (three in four) or a
 * `createIssue`, each with an id of its own (`statement:soak-<n>`). Creates with distinct ids
 * cannot conflict with one another, so every write must succeed, and after the run the rows
 * are counted against the writes acknowledged. The statements are CLAIMs of a named speaker,
 * which no example filters on, and the issues hold no position, which the questions only
 * read: so the reads keep answering about the same amount of data however many writes land,
 * and a growing RSS would be the server's, not a growing answer's.
 */
import { join } from 'node:path';
import { loadExamples } from '../src/http/examples.loader.js';
import { projectRoot } from '../src/shared/paths.js';

/** Who sends a request: which key it carries, which rate-limit budget it spends. */
export type Who = 'reader' | 'anonymous' | 'editor';

export interface ReadOp {
  name: string;
  body: string;
}

/** One request as planned: what it is, who sends it, and (for a write) the id it creates. */
export interface Planned {
  op: string;
  who: Who;
  body: string;
  write?: { kind: WriteKind; id: string };
}

export type WriteKind = 'statement' | 'issue';

/** A span of the seed article that occurs once in it, so a quote of it is never ambiguous. */
const EVIDENCE = [{ source: 'source:us-iran-second-round-talks', exact: 'The ongoing conflict in Ukraine' }];
const SPEAKERS = [
  { id: 'actor:iran', name: 'Iran' },
  { id: 'actor:oman', name: 'Oman' },
  { id: 'actor:turkey', name: 'Turkey' },
];

/** Reads beside the examples: `node` of three types and two searches (a word and a phrase). */
const EXTRA_READS: { name: string; query: string }[] = [
  { name: 'NodeActor', query: 'query NodeActor { node(id: "actor:iran") { id ... on Actor { name kind aliases } } }' },
  { name: 'NodeStatement', query: 'query NodeStatement { node(id: "statement:iran-denies-messages") { id ... on Statement { kind summary speaker { name } } } }' },
  { name: 'NodeIssue', query: 'query NodeIssue { node(id: "issue:sanctions-relief") { id ... on Issue { name positions { stance actor { name } } } } }' },
  { name: 'SearchWord', query: 'query SearchWord { search(query: "sanctions", first: 10) { score field node { id } } }' },
  { name: 'SearchPhrase', query: 'query SearchPhrase { search(query: "\\"second round\\"", first: 10) { score field snippet node { id } } }' },
  { name: 'BlockingAll', query: 'query BlockingAll { blockingIssues { issue { id } rule severity certainty } }' },
];

const STATEMENT_MUTATION =
  'mutation SoakStatement($input: CreateStatementInput!) { createStatement(input: $input) { statement { id } revision { number } userErrors { code message } } }';
const ISSUE_MUTATION = 'mutation SoakIssue($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } revision { number } userErrors { code message } } }';

/** Every read of the mix, its request body serialized once. */
export function readOps(): ReadOp[] {
  const examples = loadExamples(join(projectRoot(), 'schema', 'examples')).map((e) => ({
    name: e.operationName,
    body: JSON.stringify({ operationName: e.operationName, query: e.query, ...(e.variables ? { variables: JSON.parse(e.variables) } : {}) }),
  }));
  const extra = EXTRA_READS.map((r) => ({ name: r.name, body: JSON.stringify({ operationName: r.name, query: r.query }) }));
  return [...examples, ...extra];
}

/** The `w`th write (from 0): three statements, then an issue, each with an id of its own. */
export function writeRequest(w: number): Planned {
  if (w % 4 === 3) {
    const id = `issue:soak-${w}`;
    const input = { id, name: `Soak issue ${w}`, description: 'Created by npm run soak.', evidence: EVIDENCE };
    return { op: 'SoakIssue', who: 'editor', body: JSON.stringify({ operationName: 'SoakIssue', query: ISSUE_MUTATION, variables: { input } }), write: { kind: 'issue', id } };
  }
  const id = `statement:soak-${w}`;
  const speaker = SPEAKERS[w % SPEAKERS.length]!;
  const input = { id, kind: 'CLAIM', summary: `Soak claim ${w}.`, speaker: speaker.id, attribution: { kind: 'NAMED', detail: `${speaker.name} said` }, evidence: EVIDENCE };
  return { op: 'SoakStatement', who: 'editor', body: JSON.stringify({ operationName: 'SoakStatement', query: STATEMENT_MUTATION, variables: { input } }), write: { kind: 'statement', id } };
}

/**
 * The sequence of requests, shared by every connection: request n is a write when
 * n mod 10 = 9, else the next read in turn. Reads alternate between the READER key and no
 * key, shifted by one each time round the list, so every read is sent both ways.
 */
export class Mix {
  private n = 0;
  private reads = 0;
  private writes = 0;

  constructor(private readonly ops: ReadOp[]) {}

  next(): Planned {
    return this.n++ % 10 === 9 ? this.nextWrite() : this.nextRead();
  }

  nextWrite(): Planned {
    return writeRequest(this.writes++);
  }

  private nextRead(): Planned {
    const r = this.reads++;
    const op = this.ops[r % this.ops.length]!;
    const who: Who = (r + Math.floor(r / this.ops.length)) % 2 === 0 ? 'reader' : 'anonymous';
    return { op: op.name, who, body: op.body };
  }
}

/** What an answer was: a success, a rate-limit refusal, or an error with the reason. */
export type Verdict = { kind: 'ok' } | { kind: 'limited' } | { kind: 'error'; reason: string };

/** Case-insensitive header lookup (autocannon hands headers over as the server spelled them). */
function header(headers: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * Judges one answer. 200 is a success only with `data` and no `errors`, and for a write only
 * with no userErrors and the planned id created. 429 is expected (the rate limit) but must say
 * when to come back (`Retry-After`) and carry the RATE_LIMITED code. Anything else is an error.
 */
export function judge(planned: Planned, status: number, body: string, headers: Record<string, unknown>): Verdict {
  if (status === 429) {
    if (header(headers, 'retry-after') === undefined) return { kind: 'error', reason: '429 without Retry-After' };
    if (!body.includes('"RATE_LIMITED"')) return { kind: 'error', reason: '429 without the RATE_LIMITED code' };
    return { kind: 'limited' };
  }
  if (status !== 200) return { kind: 'error', reason: `HTTP ${status}` };
  let json: { data?: Record<string, any> | null; errors?: unknown[] };
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'error', reason: 'a body that is not JSON' };
  }
  if (json.errors) return { kind: 'error', reason: 'GraphQL errors' };
  if (!json.data) return { kind: 'error', reason: 'no data' };
  if (planned.write) {
    const payload = json.data[planned.write.kind === 'issue' ? 'createIssue' : 'createStatement'];
    if (payload?.userErrors?.length) return { kind: 'error', reason: `userErrors ${payload.userErrors.map((e: { code: string }) => e.code).join(',')}` };
    if (payload?.[planned.write.kind]?.id !== planned.write.id) return { kind: 'error', reason: 'the write answered another id' };
  }
  return { kind: 'ok' };
}
