/**
 * Operation limits, checked before anything executes (OWASP's GraphQL cheat sheet; Apollo
 * Router's and graphql-armor's limits as anchors):
 * - depth, aliases and directives: graphql-armor's validation rules;
 * - tokens: graphql-js's own `maxTokens`, counted while parsing (Apollo's `parseOptions`);
 * - cost: graphql-query-complexity with `costEstimator` below, computed once the operation and
 *   its variables are known, since `first` is often a variable.
 * Every refusal is a GraphQL error with code `LIMIT_EXCEEDED`, naming the limit, its maximum and
 * what the operation had, and the setting that raises it; the HTTP status is 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getNamedType, GraphQLError, isLeafType, isListType, isNonNullType, type GraphQLOutputType, type GraphQLSchema, type ValidationContext } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LIMIT_VARIABLES, type Limits } from '../config.js';
import { DEFAULT_PAGE_SIZE } from '../shared/pagination.js';

export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

export type OperationLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

const SETTING: Readonly<Record<OperationLimit, string>> = {
  depth: LIMIT_VARIABLES.maxDepth,
  aliases: LIMIT_VARIABLES.maxAliases,
  directives: LIMIT_VARIABLES.maxDirectives,
  tokens: LIMIT_VARIABLES.maxTokens,
  cost: LIMIT_VARIABLES.maxCost,
};

export function limitExceeded(limit: OperationLimit, max: number, found: number | null): GraphQLError {
  const had = found === null ? 'more' : String(found);
  return new GraphQLError(`Operation refused: its ${limit} is ${had}, over this server's limit of ${max} (setting ${SETTING[limit]}).`, {
    extensions: { code: LIMIT_EXCEEDED, limit, max, found, http: { status: 400 } },
  });
}

/**
 * What a question costs before its answer's fields: each reads and combines facts of the
 * parties asked about, where a connection reads one index range. Counting buckets is cheap.
 */
export const QUESTION_PRICES: Readonly<Record<string, number>> = {
  blockingIssues: 100,
  commonGround: 100,
  contradictions: 100,
  timeline: 100,
  search: 20,
  statementCounts: 20,
  eventCounts: 20,
};

/** A mutation writes, records history and notifies subscribers. */
const MUTATION_PRICE = 10;

/** Items assumed in a list answer that states no `first` (a question's, or `search`'s default). */
const LIST_ESTIMATE = DEFAULT_PAGE_SIZE;

function isListOutput(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** A requested count (`first`, `last`, `ids`), as the number of items it can bring. */
function itemsAsked(args: Record<string, unknown>): number | null {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  if (Array.isArray(args.ids)) return args.ids.length;
  return null;
}

/**
 * The cost of one field: 1, plus its selections multiplied by the items it can return. A
 * connection brings `first` (or `last`, default 20) items, each with the selections under it,
 * so costs multiply through nested connections; `nodes(ids)` brings one per id; questions add
 * their price. A plain list inside one entity (its aliases, its evidence) is counted once: it
 * is bounded by that entity's data, not by the request.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const asked = itemsAsked(args);
  if (getNamedType(field.type).name.endsWith('Connection')) return 1 + (asked ?? DEFAULT_PAGE_SIZE) * childComplexity;
  if (type.name === 'Mutation') return MUTATION_PRICE + childComplexity;
  const price = type.name === 'Query' ? QUESTION_PRICES[field.name] : undefined;
  if (price !== undefined) return price + (isListOutput(field.type) ? (asked ?? LIST_ESTIMATE) : 1) * childComplexity;
  if (asked !== null && isListOutput(field.type)) return 1 + asked * childComplexity;
  return isLeafType(getNamedType(field.type)) ? 1 : 1 + childComplexity;
};

/** The cost of an operation with its variables, as `costEstimator` counts it. */
export function operationCost(schema: GraphQLSchema, request: { document: Parameters<typeof getComplexity>[0]['query']; variables?: Record<string, unknown>; operationName?: string | null }): number {
  return getComplexity({
    schema,
    query: request.document,
    variables: request.variables ?? {},
    operationName: request.operationName ?? undefined,
    estimators: [costEstimator],
  });
}

/**
 * Costs already computed, per parsed document (Apollo reuses one DocumentNode per query text
 * from its document store) and variables: most requests repeat an operation, and the cost walk
 * was 2% of a small request's time. A few variable sets are kept per document.
 */
const knownCosts = new WeakMap<object, Map<string, number>>();
const VARIABLE_SETS_KEPT = 16;

/**
 * The cache key of a request's operation name and variables, or null when its variables are
 * nested too deep for JSON.stringify (which recurses: a body of 5,000 nested `[` is enough to
 * overflow its stack, and the RangeError was a 500). Such a request is costed without the cache.
 */
function variablesKey(request: Parameters<typeof operationCost>[1]): string | null {
  try {
    return JSON.stringify([request.operationName ?? null, request.variables ?? null]);
  } catch {
    return null;
  }
}

function cachedCost(schema: GraphQLSchema, request: Parameters<typeof operationCost>[1]): number {
  const key = variablesKey(request);
  if (key === null) return operationCost(schema, request);
  let costs = knownCosts.get(request.document);
  if (!costs) knownCosts.set(request.document, (costs = new Map()));
  let cost = costs.get(key);
  if (cost === undefined) {
    cost = operationCost(schema, request);
    if (costs.size >= VARIABLE_SETS_KEPT) costs.delete(costs.keys().next().value as string);
    costs.set(key, cost);
  }
  return cost;
}

/**
 * Why an operation may not run on cost grounds: `LIMIT_EXCEEDED` when it costs more than
 * `maxCost`; graphql-js's own error when its variables do not fit it (the cost cannot be known
 * then); null when it may run.
 */
export function costRefusal(schema: GraphQLSchema, request: Parameters<typeof operationCost>[1], maxCost: number): GraphQLError | null {
  let cost: number;
  try {
    cost = cachedCost(schema, request);
  } catch (e) {
    if (e instanceof GraphQLError) return e;
    throw e;
  }
  return cost > maxCost ? limitExceeded('cost', maxCost, cost) : null;
}

/** Refuses, before execution, an operation that costs more than `maxCost`. */
export function costLimitPlugin<C extends object>(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const refusal = costRefusal(schema, { document, variables: request.variables, operationName }, maxCost);
          // Variables that do not fit are left to execution, where graphql-js refuses them as BAD_USER_INPUT.
          if (refusal?.extensions.code === LIMIT_EXCEEDED) throw refusal;
        },
      };
    },
  };
}

/** The number graphql-armor reports in its message ("… exceeded, found 16."). */
function foundIn(message: string): number | null {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

/** graphql-armor's depth, alias and directive rules, reporting `LIMIT_EXCEEDED` (armor's own code would be BAD_USER_INPUT). */
export function armorRules(limits: Pick<Limits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>) {
  const report = (limit: OperationLimit, max: number) => ({
    n: max,
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(limitExceeded(limit, max, foundIn(error.message)))],
  });
  const armor = new ApolloArmor({
    maxDepth: { ...report('depth', limits.maxDepth), ignoreIntrospection: true },
    maxAliases: report('aliases', limits.maxAliases),
    maxDirectives: report('directives', limits.maxDirectives),
    // Tokens are counted by graphql-js's parser, cost by `costLimitPlugin`, and field
    // suggestions hidden by Apollo's `hideSchemaDetailsFromClientErrors`.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/** graphql-js's parse error for too many tokens, as a `LIMIT_EXCEEDED` error (Apollo reports it as a syntax error). */
export function tokenLimitError(message: string, maxTokens: number): GraphQLError | null {
  return /Document contains more tha[nt] \d+ tokens/.test(message) ? limitExceeded('tokens', maxTokens, null) : null;
}
