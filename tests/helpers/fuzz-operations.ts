/**
 * Fuzz cases for the GraphQL endpoint, generated from the schema itself (graphql-js's type
 * system) with a seeded PRNG, so that a failing case can be rebuilt from its seed alone.
 *
 * - `validOperation` walks the schema from Query (or Mutation) and builds an operation that
 *   passes graphql-js validation, with random fields, aliases, inline fragments, directives
 *   and argument values (inline literals or variables), inside the server's limits with room
 *   to spare: selection depth ≤ 6, ≤ 10 aliases, `first`/`last` ≤ 10, at most 2 connections
 *   nested, ≤ 300 tokens. The values are valid by type, not by meaning: unknown ids, empty
 *   strings, negative counts, bogus cursors, lone surrogates (through variables, the only way
 *   JSON lets them in), so resolvers see what a careless or hostile client sends.
 * - `malformedRequest` breaks one of those operations: characters deleted, inserted,
 *   duplicated, a truncated document, wrong variable types, huge numbers, lone surrogates in
 *   the document, hundreds of levels of nesting, very long strings, invalid JSON bodies,
 *   wrong content types and methods, too many aliases, tokens or directives.
 *
 * Nothing here talks to the server: the test sends the requests and judges the answers.
 */
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The limits generated valid operations stay within (the server's are higher). */
export const VALID_LIMITS = { maxDepth: 6, maxAliases: 10, maxFirst: 10, maxNestedConnections: 2, maxTokens: 300, maxDirectives: 3 } as const;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/**
 * sfc32, seeded through splitmix32: small, fast, and the same sequence for the same seed on
 * every platform. `Math.random` cannot be seeded, so it is never used.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }
}

/** The seed of case `index` of a run seeded with `runSeed`: each case can be rebuilt alone. */
export function caseSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Real values read from the seeded database, so that some operations hit real data. */
export interface Pools {
  /** Ids of every type, real ones. */
  ids: string[];
  /** Source ids with quotes that occur in their text (for `EvidenceInput`). */
  quotes: { source: string; exact: string }[];
  /** Cursors the server handed out. */
  cursors: string[];
}

export const LONE_SURROGATES = ['\uD800', '\uDFFF', 'a\uD83D', '\uDE00b', 'x\uDBFFy'];

const BOGUS_IDS = ['actor:nope', 'event:does-not-exist', 'nope', '', ' ', 'actor:', ':', 'source:x', 'revision:1', '1', '-1', 'ACTOR:IRAN', 'actor:iran ', 'actor:%', "actor:' OR 1=1 --", 'actor:iran|SUPPORTS|actor:oman', 'statement:ü', 'position:x', 'issue:' + 'x'.repeat(300)];

const STRINGS = [
  '',
  ' ',
  'iran',
  'Iran',
  'sanctions',
  'enrichment',
  'oman talks',
  'a',
  '%',
  '_',
  '\\',
  '"',
  "' OR 1=1 --",
  '*',
  'NEAR(a b)',
  '"unbalanced',
  'Tehrān',
  'café',
  'cafe\u0301',
  '🛡️',
  '👨‍👩‍👧',
  '\u0000',
  '\t\n',
  '\u202e',
  '<script>alert(1)</script>',
  'null',
  '2025-13-45',
  '2025-01-01',
  '2025',
  'https://example.org/article',
  'javascript:alert(1)',
  'x'.repeat(2000),
  'é'.repeat(500),
];

const INTS = [0, 1, 2, 3, 5, 10, -1, 100, 2147483647, -2147483648];
const FLOATS = [0, 1.5, -1.5, 90, -180, 1e10, 3.4e38, 5e-324];

/** How to make a random value of a GraphQL input type; `literal` excludes what a document cannot hold. */
interface ValueContext {
  rng: Rng;
  pools: Pools;
  /** Values that end up in the document, not in variables: no lone surrogates, no JSON objects. */
  literal: boolean;
  /** Caps `first`/`last`. */
  maxFirst: number;
  /** The id family of an `id` argument or field, from the type around it. */
  family?: string | undefined;
}

/** The id family an argument or input field names (`speaker` takes an actor), if it says. */
const ID_FAMILY: Readonly<Record<string, string>> = {
  actor: 'actor',
  speaker: 'actor',
  target: 'actor',
  holder: 'actor',
  affiliatedWith: 'actor',
  participant: 'actor',
  party: 'actor',
  parties: 'actor',
  organization: 'actor',
  issue: 'issue',
  issues: 'issue',
  hasPositionOn: 'issue',
  conditions: 'issue',
  event: 'event',
  source: 'source',
  statements: 'statement',
  location: 'place',
};

/**
 * An id: mostly a real one of the family the argument takes (`family`, from its name or the
 * type around it), sometimes a real one of another family, an unknown or a malformed one.
 */
function idValue(ctx: ValueContext, family: string | undefined): string {
  const { rng, pools } = ctx;
  if (!ctx.literal && rng.chance(0.03)) return rng.pick(LONE_SURROGATES);
  const typed = family === undefined ? [] : pools.ids.filter((id) => id.startsWith(`${family}:`));
  if (typed.length > 0 && rng.chance(0.75)) return rng.pick(typed);
  return rng.chance(0.6) && pools.ids.length > 0 ? rng.pick(pools.ids) : rng.pick(BOGUS_IDS);
}

/** The family of a type's ids: `Actor`, `UpdateActorInput`, `ActorConnection` → `actor`. */
export function familyOf(typeName: string): string | undefined {
  const match = /^(?:Create|Update|Delete)?(Actor|Event|Issue|Statement|Position|Source|Place)/.exec(typeName);
  return match ? match[1]!.toLowerCase() : undefined;
}

function stringValue(ctx: ValueContext, name: string): string {
  const { rng, pools } = ctx;
  if (!ctx.literal && rng.chance(0.04)) return rng.pick(LONE_SURROGATES) + rng.pick(STRINGS);
  if ((name === 'after' || name === 'before') && pools.cursors.length > 0 && rng.chance(0.6)) return rng.pick(pools.cursors);
  if (name === 'exact' && pools.quotes.length > 0 && rng.chance(0.6)) return rng.pick(pools.quotes).exact;
  return rng.pick(STRINGS);
}

function intValue(ctx: ValueContext, name: string): number {
  const { rng } = ctx;
  if (name === 'first' || name === 'last') return rng.chance(0.95) ? rng.int(0, ctx.maxFirst) : -1;
  // Versions and revisions: mostly 1 (the seed's), sometimes just past it, or anything.
  if (name === 'expectedVersion' || name === 'revision' || name === 'asOf') return rng.chance(0.6) ? 1 : rng.chance(0.6) ? rng.int(0, 4) : rng.pick(INTS);
  if (name === 'year') return rng.chance(0.8) ? rng.int(1990, 2030) : rng.pick(INTS);
  if (name === 'month') return rng.int(0, 13);
  if (name === 'day') return rng.int(0, 32);
  if (name === 'start' || name === 'end') return rng.chance(0.7) ? rng.int(0, 400) : rng.pick(INTS);
  return rng.pick(INTS);
}

/** A JSON value of any shape (for the JSON scalar, through variables only). */
function jsonValue(rng: Rng, depth = 0): unknown {
  const kind = rng.int(0, depth > 2 ? 3 : 5);
  if (kind === 0) return null;
  if (kind === 1) return rng.pick(INTS);
  if (kind === 2) return rng.pick(STRINGS);
  if (kind === 3) return rng.chance(0.5);
  if (kind === 4) return Array.from({ length: rng.int(0, 3) }, () => jsonValue(rng, depth + 1));
  return Object.fromEntries(Array.from({ length: rng.int(0, 3) }, (_, i) => [`k${i}`, jsonValue(rng, depth + 1)]));
}

/**
 * A random value valid for `type` (as a JS value: enums as their names, input objects as
 * plain objects). `name` is the argument or input field it is for, which steers the value
 * towards meaningful ones (`first` small, `exact` a real quote, `source` a real source).
 */
export function inputValue(type: GraphQLInputType, name: string, ctx: ValueContext, depth = 0): unknown {
  const { rng } = ctx;
  if (!isNonNullType(type) && rng.chance(0.08)) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const length = name === 'ids' ? rng.int(0, 5) : rng.int(0, depth > 1 ? 1 : 3);
    return Array.from({ length }, () => inputValue(inner.ofType as GraphQLInputType, name, ctx, depth + 1));
  }
  if (isEnumType(inner)) return rng.pick(inner.getValues()).name;
  if (isInputObjectType(inner)) {
    const object: Record<string, unknown> = {};
    const inside = { ...ctx, family: familyOf(inner.name) ?? ctx.family };
    for (const field of Object.values(inner.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || rng.chance(depth > 1 ? 0.15 : 0.35)) object[field.name] = inputValue(field.type, field.name, inside, depth + 1);
    }
    if (name === 'evidence' || inner.name === 'EvidenceInput') {
      // A quote and its source belong together when both come from the pool.
      if (ctx.pools.quotes.length > 0 && rng.chance(0.5)) Object.assign(object, rng.pick(ctx.pools.quotes));
    }
    return object;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID':
        return name === 'source' && ctx.pools.quotes.length > 0 && rng.chance(0.6) ? rng.pick(ctx.pools.quotes).source : idValue(ctx, ID_FAMILY[name] ?? (name === 'id' || name === 'ids' ? ctx.family : undefined));
      case 'String':
        return stringValue(ctx, name);
      case 'Int':
        return intValue(ctx, name);
      case 'Float':
        return rng.pick(FLOATS);
      case 'Boolean':
        return rng.chance(0.5);
      default:
        return jsonValue(rng);
    }
  }
  throw new Error(`no value for input type ${String(type)}`);
}

/** A JS value as a GraphQL literal of `type` (enum names bare, strings JSON-quoted). */
export function literalOf(value: unknown, type: GraphQLInputType): string {
  if (value === null) return 'null';
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return `[${(value as unknown[]).map((v) => literalOf(v, inner.ofType as GraphQLInputType)).join(', ')}]`;
  if (isEnumType(inner)) return String(value);
  if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literalOf(v, fields[k]!.type)}`)
      .join(', ')}}`;
  }
  // JSON.stringify writes a GraphQL-valid string literal for any string without lone surrogates.
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Whether a value can be written in a document: no lone surrogate, no JSON-scalar object. */
function literalSafe(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  if (isScalarType(named) && !['ID', 'String', 'Int', 'Float', 'Boolean'].includes(named.name)) return false;
  if (isInputObjectType(named)) return Object.values(named.getFields()).every((f) => getNamedType(f.type) === named || literalSafe(f.type));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Operations

/** A subscription is valid against the schema too; over HTTP it must be refused with a code. */
export type OperationType = 'query' | 'mutation' | 'subscription';

export interface GeneratedOperation {
  operationType: OperationType;
  query: string;
  variables: Record<string, unknown>;
  /** The root fields asked for, for the reports. */
  rootFields: string[];
}

interface OpState {
  rng: Rng;
  schema: GraphQLSchema;
  pools: Pools;
  aliases: number;
  directives: number;
  fieldsLeft: number;
  varDefs: string[];
  variables: Record<string, unknown>;
  /** The next variable number. */
  vars: number;
}

const isConnection = (type: GraphQLNamedType) => type.name.endsWith('Connection');

/** An argument's value: inline or through a new variable of the argument's own type. */
function argumentText(state: OpState, arg: GraphQLArgument, maxFirst: number, family: string | undefined): string {
  const useVariable = !literalSafe(arg.type) || state.rng.chance(0.45);
  const ctx: ValueContext = { rng: state.rng, pools: state.pools, literal: !useVariable, maxFirst, family };
  const value = inputValue(arg.type, arg.name, ctx);
  if (!useVariable) return `${arg.name}: ${literalOf(value, arg.type)}`;
  const name = `v${state.vars++}`;
  state.varDefs.push(`$${name}: ${String(arg.type)}`);
  // A nullable variable may also be left out altogether, which is not the same as null.
  if (!(value === null && !isNonNullType(arg.type) && state.rng.chance(0.5))) state.variables[name] = value;
  return `${arg.name}: $${name}`;
}

function argumentsText(state: OpState, field: GraphQLField<unknown, unknown>, inConnections: number): string {
  const parts: string[] = [];
  const connection = isConnection(getNamedType(field.type));
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    // A nested connection always states `first` so the cost stays known and small.
    const forcedFirst = connection && arg.name === 'first' && inConnections > 0;
    if (arg.name === 'last' && parts.some((p) => p.startsWith('first:'))) continue;
    if (required || forcedFirst || state.rng.chance(arg.name === 'first' ? 0.7 : 0.3)) {
      if (forcedFirst) {
        parts.push(`first: ${state.rng.int(0, VALID_LIMITS.maxFirst)}`);
        continue;
      }
      parts.push(argumentText(state, arg, VALID_LIMITS.maxFirst, familyOf(getNamedType(field.type).name)));
    }
  }
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

function directiveText(state: OpState): string {
  if (state.directives >= VALID_LIMITS.maxDirectives || !state.rng.chance(0.04)) return '';
  state.directives += 1;
  const name = state.rng.chance(0.5) ? 'include' : 'skip';
  if (state.rng.chance(0.5)) return ` @${name}(if: ${state.rng.chance(0.5)})`;
  const v = `v${state.vars++}`;
  state.varDefs.push(`$${v}: Boolean!`);
  state.variables[v] = state.rng.chance(0.5);
  return ` @${name}(if: $${v})`;
}

/**
 * A selection set on `type` at `depth` (its fields are at depth + 1). `taken` holds the
 * response names already used in this set and the inline fragments merged into it: a name is
 * used once, so fields never need merging (graphql-js's OverlappingFieldsCanBeMerged).
 */
function selectionSet(state: OpState, type: GraphQLNamedType, depth: number, inConnections: number, taken = new Set<string>()): string {
  const { rng } = state;
  const parts: string[] = [];
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => {
      const named = getNamedType(f.type);
      if (isConnection(named) && inConnections >= VALID_LIMITS.maxNestedConnections) return false;
      // A composite field needs room for at least one field under it.
      return isLeafType(named) || depth + 2 <= VALID_LIMITS.maxDepth;
    });
    const want = Math.max(1, Math.min(fields.length, rng.int(1, depth === 0 ? 2 : 4)));
    for (const field of rng.sample(fields, want)) {
      if (state.fieldsLeft <= 0 && parts.length > 0) break;
      state.fieldsLeft -= 1;
      let responseName = field.name;
      if (taken.has(responseName) || (state.aliases < VALID_LIMITS.maxAliases && rng.chance(0.08))) {
        if (state.aliases >= VALID_LIMITS.maxAliases) continue;
        state.aliases += 1;
        responseName = `a${state.aliases}_${field.name}`;
        if (taken.has(responseName)) continue;
      }
      taken.add(responseName);
      const alias = responseName === field.name ? '' : `${responseName}: `;
      const named = getNamedType(field.type);
      const args = argumentsText(state, field, inConnections);
      const directive = directiveText(state);
      if (isLeafType(named)) {
        parts.push(`${alias}${field.name}${args}${directive}`);
      } else {
        const nested = selectionSet(state, named, depth + 1, inConnections + (isConnection(named) ? 1 : 0));
        parts.push(`${alias}${field.name}${args}${directive} { ${nested} }`);
      }
    }
  }
  if ((isInterfaceType(type) || isUnionType(type)) && depth + 1 <= VALID_LIMITS.maxDepth && state.fieldsLeft > 0) {
    const possible = state.schema.getPossibleTypes(type);
    for (const concrete of rng.sample(possible, rng.int(isUnionType(type) ? 1 : 0, 2))) {
      // Fields inside the fragment share this set's names (`taken`), at the same depth.
      parts.push(`... on ${concrete.name} { ${selectionSet(state, concrete, depth, inConnections, taken)} }`);
    }
  }
  // `__typename` may be asked more than once under one name: it always merges.
  if (parts.length === 0 || rng.chance(0.03)) parts.push('__typename');
  return parts.join(' ');
}

/** The number of lexical tokens of a document, as graphql-js's `maxTokens` counts them. */
export function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** Why a generated operation is not valid against the schema, or null when it is. */
export function invalidity(schema: GraphQLSchema, op: { query: string; variables: Record<string, unknown> }): string | null {
  let document;
  try {
    document = parse(op.query);
  } catch (e) {
    return `does not parse: ${(e as Error).message}`;
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return errors.map((e) => e.message).join('; ');
  const operation = document.definitions[0] as OperationDefinitionNode;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], op.variables);
  if (coerced.errors) return coerced.errors.map((e) => e.message).join('; ');
  return null;
}

/**
 * One operation valid against `schema`, within `VALID_LIMITS`: one or two root fields (a
 * mutation's with random inputs) and up to 20 fields under them; small, since each costs the
 * server milliseconds and the test sends thousands. Tries smaller operations until one fits the
 * token budget.
 */
export function validOperation(schema: GraphQLSchema, rng: Rng, pools: Pools, operationType: OperationType): GeneratedOperation {
  const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[operationType];
  if (!root) throw new Error(`the schema has no ${operationType} type`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const small = attempt >= 4;
    const state: OpState = { rng, pools, schema, aliases: 0, directives: 0, fieldsLeft: small ? rng.int(1, 4) : rng.int(2, 20), varDefs: [], variables: {}, vars: 0 };
    // A subscription has exactly one root field (graphql-js's SingleFieldSubscriptionsRule).
    const rootFields = rng.sample(Object.values(root.getFields()), small || operationType === 'subscription' || rng.chance(0.6) ? 1 : 2);
    const parts = rootFields.map((field) => {
      let responseName = field.name;
      if (operationType !== 'subscription' && rng.chance(0.1)) {
        state.aliases += 1;
        responseName = `r${state.aliases}_${field.name}`;
      }
      const named = getNamedType(field.type);
      const head = `${responseName === field.name ? '' : `${responseName}: `}${field.name}${argumentsText(state, field, 0)}`;
      if (isLeafType(named)) return head;
      // Mutations mostly ask for userErrors: that is where a refusal explains itself.
      const withErrors = operationType === 'mutation' && isObjectType(named) && named.getFields().userErrors !== undefined && rng.chance(0.8);
      const nested = selectionSet(state, named, 1, isConnection(named) ? 1 : 0, new Set(withErrors ? ['userErrors'] : []));
      return `${head} { ${withErrors ? 'userErrors { code field message } ' : ''}${nested} }`;
    });
    const name = rng.chance(0.5) ? ` Fuzz${rng.int(0, 999)}` : '';
    const varDefs = state.varDefs.length > 0 ? `(${state.varDefs.join(', ')})` : '';
    // A query with neither name nor variables may use the shorthand `{ … }`.
    const head = name || varDefs || operationType !== 'query' || rng.chance(0.5) ? `${operationType}${name}${varDefs} ` : '';
    const query = `${head}{ ${parts.join(' ')} }`;
    if (countTokens(query) <= VALID_LIMITS.maxTokens) return { operationType, query, variables: state.variables, rootFields: rootFields.map((f) => f.name) };
  }
  throw new Error(`no ${operationType} within ${VALID_LIMITS.maxTokens} tokens after 50 attempts (seed ${rng.seed})`);
}

// ---------------------------------------------------------------------------------------------
// Malformed requests

/** A raw HTTP request to the GraphQL endpoint. */
export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path and query string, e.g. `/graphql?query=…`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What was done to the operation, for the reports. */
  mutation: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const post = (body: unknown, mutation: string, headers: Record<string, string> = JSON_HEADERS): RawRequest => ({
  method: 'POST',
  path: '/graphql',
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  mutation,
});

const INSERTS = ['{', '}', '(', ')', '[', ']', '$', ':', '"', '\\', '!', '@', '.', '...', '#', '\n', ',', '=', '|', '&', '0', '-', 'é', '🙂', '\uD800', '\u0000', '"""', 'on', 'query', 'fragment'];

/** Character-level damage to a document. */
function damage(rng: Rng, text: string): { text: string; how: string } {
  const at = rng.int(0, Math.max(0, text.length - 1));
  switch (rng.int(0, 5)) {
    case 0: {
      const n = rng.int(1, 4);
      return { text: text.slice(0, at) + text.slice(at + n), how: `deleted ${n} chars at ${at}` };
    }
    case 1: {
      const s = rng.pick(INSERTS);
      return { text: text.slice(0, at) + s + text.slice(at), how: `inserted ${JSON.stringify(s)} at ${at}` };
    }
    case 2: {
      const n = rng.int(1, 12);
      return { text: text.slice(0, at + n) + text.slice(at, at + n) + text.slice(at + n), how: `duplicated ${n} chars at ${at}` };
    }
    case 3:
      return { text: text.slice(0, at), how: `truncated at ${at}` };
    case 4: {
      const b = rng.int(0, Math.max(0, text.length - 1));
      const chars = [...text];
      if (chars.length > 1) [chars[at % chars.length], chars[b % chars.length]] = [chars[b % chars.length]!, chars[at % chars.length]!];
      return { text: chars.join(''), how: `swapped chars ${at} and ${b}` };
    }
    default: {
      // A number literal replaced by an extreme one.
      const big = rng.pick(['9007199254740993', '1e308', '-0', 'NaN', '2147483648', '-2147483649', '0x10', '1.5', '99999999999999999999999999', 'Infinity']);
      const replaced = text.replace(/\b\d+\b/, big);
      return { text: replaced === text ? text.replace(/\(/, `(first: ${big}, `) : replaced, how: `number replaced by ${big}` };
    }
  }
}

const WRONG_VALUES: [string, unknown][] = [
  ['2^53', 2 ** 53],
  ['-(2^53)', -(2 ** 53)],
  ['1e308', 1e308],
  ['-0', -0],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['1.5', 1.5],
  ['a string', 'seven'],
  ['a boolean', true],
  ['an object', { a: 1 }],
  ['an array', [1, [2, [3]]]],
  ['null', null],
  ['lone surrogate', '\uD800'],
  ['huge string', 'x'.repeat(100_000)],
  ['empty string', ''],
  ['deep array', JSON.parse('['.repeat(2000) + ']'.repeat(2000))],
  ['deep object', JSON.parse('{"a":'.repeat(2000) + '1' + '}'.repeat(2000))],
];

/** Variables given the wrong types, extremes, or names the operation does not declare. */
function wrongVariables(rng: Rng, variables: Record<string, unknown>): { variables: Record<string, unknown>; how: string } {
  const names = Object.keys(variables);
  const [label, value] = rng.pick(WRONG_VALUES);
  if (names.length === 0 || rng.chance(0.15)) return { variables: { ...variables, undeclared: value }, how: `undeclared variable = ${label}` };
  const name = rng.pick(names);
  if (rng.chance(0.15)) {
    const copy = { ...variables };
    delete copy[name];
    return { variables: copy, how: `variable ${name} left out` };
  }
  // Inside an input object, one field at a time: the rest of the input stays plausible.
  const current = variables[name];
  if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.keys(current).length > 0 && rng.chance(0.6)) {
    const field = rng.pick(Object.keys(current));
    return { variables: { ...variables, [name]: { ...current, [field]: value } }, how: `variable ${name}.${field} = ${label}` };
  }
  return { variables: { ...variables, [name]: value }, how: `variable ${name} = ${label}` };
}

/** Deeply nested documents: selections, lists, objects, fragments, parentheses. */
function deepDocument(rng: Rng): { query: string; how: string } {
  // Hundreds of levels, and now and then tens of thousands: past the token limit, which must
  // stop the parser before its recursion runs out of stack.
  const n = rng.chance(0.9) ? rng.int(100, 1500) : rng.int(10_000, 50_000);
  switch (rng.int(0, 6)) {
    case 0:
      return { query: '{'.repeat(n) + '}'.repeat(n), how: `${n} nested braces` };
    case 1:
      return { query: '{'.repeat(n), how: `${n} unclosed braces` };
    case 2:
      return { query: `{ actor(id: "actor:iran") { ${'party { '.repeat(n)}id${' }'.repeat(n)} } }`, how: `${n} nested party selections` };
    case 3:
      return { query: `{ nodes(ids: ${'['.repeat(n)}"actor:iran"${']'.repeat(n)}) { id } }`, how: `${n} nested list literals` };
    case 4:
      return { query: `{ actors(filter: ${'{text: '.repeat(n)}"x"${'}'.repeat(n)}) { totalCount } }`, how: `${n} nested object literals` };
    case 5:
      return { query: `{ actor(id: "actor:iran") { ...F0 } } ${Array.from({ length: Math.min(n, 300) }, (_, i) => `fragment F${i} on Actor { party { ...F${i + 1} } }`).join(' ')} fragment F${Math.min(n, 300)} on Actor { id }`, how: `${Math.min(n, 300)} chained fragments` };
    default:
      return { query: `{ actor(id: "actor:iran") { ...A } } fragment A on Actor { ...B } fragment B on Actor { ...A }`, how: 'fragment cycle' };
  }
}

/** Operations over the server's limits: aliases, tokens, directives, cost, long strings. */
function oversized(rng: Rng): { query: string; variables?: Record<string, unknown>; how: string } {
  switch (rng.int(0, 6)) {
    case 0: {
      const n = rng.int(16, 400);
      return { query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: actor(id: "actor:iran") { id }`).join(' ')} }`, how: `${n} aliases` };
    }
    case 1: {
      const n = rng.int(1000, 20_000);
      return { query: `{ ${'__typename '.repeat(n)}}`, how: `${n} repeated fields` };
    }
    case 2: {
      const n = rng.int(21, 500);
      return { query: `{ __typename ${'@include(if: true) '.repeat(n)}}`, how: `${n} directives` };
    }
    case 3:
      return { query: `{ actors(first: 100) { edges { node { events(first: 100) { edges { node { statements { positions { issue { statements(first: 100) { totalCount } } } } } } } } } } }`, how: 'cost of nested connections' };
    case 4: {
      const n = rng.int(10_000, 100_000);
      return { query: `{ search(query: ${JSON.stringify('x'.repeat(n))}) { snippet } }`, how: `${n}-character string literal` };
    }
    case 5: {
      const n = rng.int(10_000, 100_000);
      return { query: 'query($q: String!) { search(query: $q) { snippet } }', variables: { q: 'é'.repeat(n) }, how: `${n}-character string variable` };
    }
    default: {
      // Over the body limit (4 MiB by default); rare (about 10 a run), since each one is
      // megabytes to build and send, and the limit answers them all alike.
      if (rng.chance(0.95)) return { query: `{ s: search(query: ${JSON.stringify('🙂'.repeat(rng.int(1000, 20_000)))}) { snippet } }`, how: 'long non-BMP string literal' };
      const n = rng.int(4_300_000, 5_000_000);
      return { query: `{ __typename } #${'x'.repeat(n)}`, how: `${n}-byte body` };
    }
  }
}

/** Requests the HTTP layer must turn away: bad JSON, media types, methods, body shapes. */
function badHttp(rng: Rng, query: string): RawRequest {
  const body = JSON.stringify({ query });
  switch (rng.int(0, 17)) {
    case 0:
      return post(body.slice(0, rng.int(0, body.length - 1)), 'truncated JSON body');
    case 1:
      return post(`{"query": ${JSON.stringify(query)},}`, 'trailing comma in JSON');
    case 2:
      return post(`{'query': '${query}'}`, 'single-quoted JSON');
    case 3:
      return post(body, 'text/plain body', { 'content-type': 'text/plain' });
    case 4:
      return post(body, 'application/xml body', { 'content-type': 'application/xml' });
    case 5:
      return post(query, 'application/graphql body', { 'content-type': 'application/graphql' });
    case 6:
      return post(`query=${encodeURIComponent(query)}`, 'form-urlencoded body', { 'content-type': 'application/x-www-form-urlencoded' });
    case 7:
      return post('--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n', 'multipart body', { 'content-type': 'multipart/form-data; boundary=x' });
    case 8:
      return post(body, 'no content type', {});
    case 9:
      return post(rng.pick(['null', '[]', '"query"', '42', 'true', '{}', '[{"query":"{ __typename }"}]', '{"query":null}', '{"query":42}', '{"query":["{ id }"]}', '{"query":{}}']), 'wrong JSON shape');
    case 10:
      return post({ query, variables: rng.pick(['{}', 42, [1], true]) }, 'variables not an object');
    case 11:
      return post({ query, operationName: rng.pick([42, 'Missing', '', { a: 1 }]) }, 'bad operationName');
    case 12:
      return post({ query, extensions: rng.pick(['x', 1, [], { persistedQuery: { version: 1, sha256Hash: 'abc' } }, { persistedQuery: { version: 2, sha256Hash: 'abc' } }, { persistedQuery: 'x' }]) }, 'bad extensions');
    case 13:
      return { method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'apollo-require-preflight': 'true' }, mutation: 'operation over GET' };
    case 14:
      return { method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(rng.pick(['{', 'null', '[]', '"x"', '{"a":1}']))}`, headers: { 'apollo-require-preflight': 'true' }, mutation: 'GET with bad variables' };
    case 15:
      return { method: rng.pick(['PUT', 'DELETE', 'PATCH'] as const), path: '/graphql', headers: JSON_HEADERS, body, mutation: 'wrong method' };
    case 16:
      return post(body, 'wrong charset', { 'content-type': 'application/json; charset=utf-16' });
    default:
      return post(body, 'bad authorization header', { ...JSON_HEADERS, authorization: rng.pick(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer kb_00000000_' + 'A'.repeat(43), 'Bearer kb_zz_zz', 'Bearer ' + 'x'.repeat(8000), 'kb_00000000_' + 'A'.repeat(43)]) });
  }
}

/**
 * One malformed request made from a valid operation. Every kind of damage the issue names is
 * drawn with a fair share: documents damaged character by character, wrong variables, deep
 * nesting, oversized operations, lone surrogates in the document, and bad HTTP.
 */
export function malformedRequest(rng: Rng, op: GeneratedOperation): RawRequest {
  const kind = rng.int(0, 9);
  if (kind <= 2) {
    let text = op.query;
    const hows: string[] = [];
    for (let i = rng.int(1, 3); i > 0; i--) {
      const d = damage(rng, text);
      text = d.text;
      hows.push(d.how);
    }
    return post({ query: text, variables: op.variables }, `document ${hows.join(', ')}`);
  }
  if (kind <= 4) {
    const w = wrongVariables(rng, op.variables);
    return post({ query: op.query, variables: w.variables }, w.how);
  }
  if (kind === 5) {
    // Rare (about 50 a run): each costs the server a stack overflow in JSON.stringify, caught.
    if (rng.chance(0.05)) {
      // JSON nested deeper than JSON.stringify can write (so written by hand): a server that
      // walks variables recursively would run out of stack.
      const n = rng.int(10_000, 100_000);
      const deep = rng.chance(0.5) ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      const name = Object.keys(op.variables)[0] ?? 'undeclared';
      return post(`{"query":${JSON.stringify(op.query)},"variables":{"${name}":${deep}}}`, `variable nested ${n} levels deep`);
    }
    const d = deepDocument(rng);
    return post({ query: d.query }, d.how);
  }
  if (kind === 6) {
    const o = oversized(rng);
    return post({ query: o.query, variables: o.variables }, o.how);
  }
  if (kind === 7) {
    // A lone surrogate inside a string literal, a name, or the whole document.
    const s = rng.pick(LONE_SURROGATES);
    const where = rng.int(0, 2);
    // In a string literal of the operation, or in a comment when it has none (where it ends the comment).
    const inOperation = op.query.includes('"') ? op.query.replace(/"/, `"${s}`) : `${op.query} # ${s}`;
    const query = where === 0 ? `{ actor(id: "actor:${s}") { id } }` : where === 1 ? `{ act${s}or(id: "actor:iran") { id } }` : inOperation;
    return post({ query, variables: op.variables }, `lone surrogate ${JSON.stringify(s)} in the document`);
  }
  return badHttp(rng, op.query);
}
