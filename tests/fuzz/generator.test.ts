/**
 * The fuzz generator's own promises, checked without a server: the same seed builds the same
 * case (so a printed seed reproduces a failure), every "valid" operation passes graphql-js
 * (parse, validate, variable coercion) and stays inside the limits the issue sets for them
 * (depth ≤ 6, ≤ 10 aliases, `first` ≤ 10, at most 2 nested connections, ≤ 300 tokens), the
 * operations cover the schema's root fields, and the malformed requests cover every kind of
 * damage.
 */
import { getNamedType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { caseSeed, countTokens, invalidity, malformedRequest, Rng, validOperation, VALID_LIMITS, type GeneratedOperation, type OperationType, type Pools } from '../helpers/fuzz-operations.js';
import { schema } from './harness.js';

const POOLS: Pools = {
  ids: ['actor:iran', 'actor:oman', 'issue:sanctions-relief', 'event:oman-talks-first-round', 'statement:iran-denies-messages', 'source:us-iran-second-round-talks', 'position:us-second-round'],
  quotes: [{ source: 'source:us-iran-second-round-talks', exact: 'Iran' }],
  cursors: ['YWN0b3JzOjA'],
};

/** What the limits measure: field depth, aliases, connections nested, the largest `first`/`last`. */
function measure(op: GeneratedOperation) {
  const document = parse(op.query);
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  let maxDepth = 0;
  let aliases = 0;
  let connections = 0;
  let maxConnections = 0;
  let maxFirst = 0;
  const valueOf = (node: ValueNode): unknown => (node.kind === Kind.VARIABLE ? op.variables[node.name.value] : node.kind === Kind.INT ? Number(node.value) : null);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          depth += 1;
          maxDepth = Math.max(maxDepth, depth);
          if (node.alias) aliases += 1;
          const type = typeInfo.getType();
          const isConnection = type !== null && getNamedType(type)?.name.endsWith('Connection') === true;
          if (isConnection) maxConnections = Math.max(maxConnections, ++connections);
          for (const arg of node.arguments ?? []) {
            const value = valueOf(arg.value);
            if ((arg.name.value === 'first' || arg.name.value === 'last') && typeof value === 'number') maxFirst = Math.max(maxFirst, value);
          }
        },
        leave() {
          depth -= 1;
          const type = typeInfo.getType();
          if (type !== null && getNamedType(type)?.name.endsWith('Connection') === true) connections -= 1;
        },
      },
    }),
  );
  return { depth: maxDepth, aliases, connections: maxConnections, maxFirst, tokens: countTokens(op.query), operation: document.definitions[0] as OperationDefinitionNode };
}

describe('The fuzz generator', () => {
  it('builds the same case from the same seed, and different ones from different seeds', () => {
    const build = (seed: number) => {
      const rng = new Rng(seed);
      const op = validOperation(schema, rng, POOLS, 'query');
      return { op, raw: malformedRequest(rng, op) };
    };
    for (let i = 0; i < 50; i++) expect(build(caseSeed(7, i))).toEqual(build(caseSeed(7, i)));
    const queries = new Set(Array.from({ length: 200 }, (_, i) => build(caseSeed(7, i)).op.query));
    expect(queries.size).toBeGreaterThan(190);
  });

  it('makes operations graphql-js accepts, inside the limits, covering every root field', () => {
    const rootFields = new Set<string>();
    const worst = { depth: 0, aliases: 0, connections: 0, maxFirst: 0, tokens: 0 };
    const types: OperationType[] = ['query', 'mutation', 'subscription'];
    let withVariables = 0;
    for (let i = 0; i < 3000; i++) {
      const op = validOperation(schema, new Rng(caseSeed(11, i)), POOLS, types[i % 10 === 0 ? 2 : i % 3 === 0 ? 1 : 0]!);
      expect(invalidity(schema, op), op.query).toBeNull();
      const m = measure(op);
      expect(m.operation.operation).toBe(op.operationType);
      for (const key of Object.keys(worst) as (keyof typeof worst)[]) worst[key] = Math.max(worst[key], m[key]);
      for (const f of op.rootFields) rootFields.add(`${op.operationType}.${f}`);
      if (Object.keys(op.variables).length > 0) withVariables += 1;
    }
    expect(worst.depth).toBeLessThanOrEqual(VALID_LIMITS.maxDepth);
    expect(worst.aliases).toBeLessThanOrEqual(VALID_LIMITS.maxAliases);
    expect(worst.connections).toBeLessThanOrEqual(VALID_LIMITS.maxNestedConnections);
    expect(worst.maxFirst).toBeLessThanOrEqual(VALID_LIMITS.maxFirst);
    expect(worst.tokens).toBeLessThanOrEqual(VALID_LIMITS.maxTokens);
    // And they do reach the limits' neighbourhood, not only trivial operations.
    expect(worst.depth).toBe(VALID_LIMITS.maxDepth);
    expect(worst.connections).toBe(VALID_LIMITS.maxNestedConnections);
    expect(worst.aliases).toBeGreaterThanOrEqual(5);
    expect(withVariables).toBeGreaterThan(1000);
    const all = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `mutation.${f}`),
      ...Object.keys(schema.getSubscriptionType()!.getFields()).map((f) => `subscription.${f}`),
    ];
    expect(all.filter((f) => !rootFields.has(f))).toEqual([]);
  });

  it('breaks operations in every way the issue names', () => {
    const kinds: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const rng = new Rng(caseSeed(13, i));
      const raw = malformedRequest(rng, validOperation(schema, rng, POOLS, 'query'));
      kinds.push(raw.mutation);
    }
    const named = kinds.join(' | ');
    for (const expected of ['document deleted', 'document inserted', 'document duplicated', 'document truncated', 'variable', 'lone surrogate', 'nested braces', 'aliases', 'directives', 'character string', 'truncated JSON body', 'text/plain body', 'wrong method', 'wrong charset', '-byte body', 'deep array', 'levels deep', '1e308', 'NaN', '2^53']) {
      expect(named, expected).toContain(expected);
    }
  });
});
