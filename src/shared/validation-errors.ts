/**
 * Finds the argument a validation error is about. graphql-js reports a bad literal
 * (`kinds: [NOPE]`) at the value's node without naming the argument; the argument is the
 * Argument node whose source range contains that value, with the input fields on the way
 * (`filter.kinds`).
 */
import { GraphQLError, visit, type DocumentNode, type ValidationRule } from 'graphql';

const VALUE_ERRORS = [/does not exist in ".*" enum/, /^Expected value of type/, /cannot represent/, /^Enum ".*" cannot represent/];

export function argumentOfValidationError(document: DocumentNode, error: GraphQLError): string | null {
  const node = error.nodes?.[0];
  if (!node?.loc || !VALUE_ERRORS.some((re) => re.test(error.message))) return null;
  const { start, end } = node.loc;
  // The argument and the input-object fields enclosing the value, outermost first: `filter.kinds`.
  const path: string[] = [];
  const enclose = (n: { loc?: { start: number; end: number }; name: { value: string } }) => {
    if (n.loc && n.loc.start <= start && end <= n.loc.end) path.push(n.name.value);
  };
  visit(document, { Argument: enclose, ObjectField: enclose });
  return path.length > 0 ? path.join('.') : null;
}

/**
 * Refuses an operation type the schema lacks (a subscription, while there is none) at
 * validation: graphql-js would otherwise fail only at execution, without a code, which
 * reads as a server error.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[node.operation];
    if (!root) context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }));
  },
});
