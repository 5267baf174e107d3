/**
 * The query mix `npm run bench` sends, the same requests to the project's server and to the
 * floor (bench/floor.ts). Ids name nodes every synthetic bundle of 10k statements or more has
 * (`kb synth`): states 0 and 1, statement 4242, issue 7. Each request carries its
 * `operationName`, which is how the floor knows what to answer.
 */
import { encodeKeyCursor } from '../src/shared/pagination.js';

export interface MixQuery {
  /** The operation's name: a column of the table and the floor's key. */
  name: string;
  /** What it stands for in the list. */
  what: string;
  query: string;
  variables?: Record<string, unknown>;
  /** A write: its body changes per request (`writeBody`); its bytes are compared on the first call only. */
  write?: boolean;
}

/** The deep page starts after this id, in order of id: about halfway through 10k statements, far down 100k and 1M. */
export const DEEP_AFTER = 'statement:st5000';

export const MIX: MixQuery[] = [
  {
    name: 'Nested',
    what: 'nested page: 20 actors with 10 statements each',
    query: 'query Nested { actors(first: 20) { totalCount edges { node { id name statements(first: 10) { totalCount edges { node { id summary } } } } } } }',
  },
  {
    name: 'Filtered',
    what: 'filtered page: 20 demands in order of first mention',
    query: 'query Filtered { statements(first: 20, filter: { kinds: [DEMAND] }) { totalCount edges { node { id kind summary } } } }',
  },
  {
    name: 'First',
    what: 'first page: 20 statements by id (the deep page without `after`, to compare the two)',
    query: 'query First { statements(first: 20, orderBy: { field: ID }) { edges { cursor node { id } } } }',
  },
  {
    name: 'Deep',
    what: `deep page: 20 statements by id after ${DEEP_AFTER}`,
    query: 'query Deep($after: String) { statements(first: 20, after: $after, orderBy: { field: ID }) { edges { cursor node { id } } } }',
    variables: { after: encodeKeyCursor('statements/ID/ASC', [DEEP_AFTER]) },
  },
  {
    name: 'Node',
    what: 'node by id',
    query: 'query Node { node(id: "statement:st4242") { id ... on Statement { kind summary } } }',
  },
  {
    name: 'Search',
    what: 'full-text search, 10 hits',
    query: 'query Search { search(query: "\\"statement 4242\\"", first: 10) { field score node { id } } }',
  },
  {
    name: 'SearchCommon',
    what: 'full-text search for a word every statement contains, 10 hits',
    query: 'query SearchCommon { search(query: "statement", first: 10) { field score node { id } } }',
  },
  {
    name: 'Blocking',
    what: 'blockingIssues for two parties',
    query: 'query Blocking { blockingIssues(parties: ["actor:state-0", "actor:state-1"]) { issue { id } rule severity certainty } }',
  },
  {
    name: 'Common',
    what: 'commonGround for two parties, silent ones included',
    query: 'query Common { commonGround(parties: ["actor:state-0", "actor:state-1"], includeSilent: true) { issue { id } complete certainty } }',
  },
  {
    name: 'Timeline',
    what: "timeline of one party's events",
    query: 'query Timeline { timeline(actor: "actor:state-0") { position dated event { id } } }',
  },
  {
    name: 'Contradictions',
    what: "contradictions involving one party (its officials' statements too)",
    query: 'query Contradictions { contradictions(actor: "actor:state-0") { basis certainty reason first { id } second { id } } }',
  },
  {
    name: 'Write',
    what: 'a write: updateActor with its expected version',
    query: 'mutation Write($input: UpdateActorInput!) { updateActor(input: $input) { actor { version } userErrors { code } } }',
    write: true,
  },
];

/** Writes cycle over this many officials, so concurrent writes never race for one version. */
export const WRITE_TARGETS = 600;

/** `n` in letters (A = 0), a valid CAMEO actor code of three letters or more. */
const letters = (n: number) => `BEN${[...n.toString(26)].map((d) => String.fromCharCode(65 + parseInt(d, 26))).join('')}`;

/**
 * The body of the `n`th write to a fresh copy of a synthetic base: official n mod
 * WRITE_TARGETS, at the version it has by then. It sets the CAMEO code, which no read of the
 * mix shows and search does not index, so the reads answer the same bytes however many
 * writes each side has taken.
 */
export function writeBody(n: number): string {
  const target = n % WRITE_TARGETS;
  const id = `actor:official-${Math.floor(target / 3)}-${target % 3}`;
  const input = { id, expectedVersion: 1 + Math.floor(n / WRITE_TARGETS), cameoCode: letters(n) };
  return JSON.stringify({ operationName: 'Write', query: MIX.find((q) => q.write)!.query, variables: { input } });
}

export function readBody(q: MixQuery): string {
  return JSON.stringify({ operationName: q.name, query: q.query, ...(q.variables ? { variables: q.variables } : {}) });
}
