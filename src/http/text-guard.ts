/**
 * Text no engine can keep as it was given, refused before anything executes: the NUL
 * character (PostgreSQL's text cannot hold U+0000; SQLite would keep it and the two engines
 * would disagree) and an unpaired UTF-16 surrogate (JSON can carry `"\ud800"`, but no UTF-8
 * text can: SQLite would store U+FFFD in its place, silently changing what was written). Both
 * are refused wherever a string reaches the server, in the document's literals or in the
 * variables, on both engines alike, so a write never loses a character unnoticed and a read
 * never fails inside the database.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode } from 'graphql';
import { accessRefusal } from '../auth/auth-checker.js';
import type { Context } from '../context.js';
import { Role, ROLE_RANK } from '../shared/enums.js';

/**
 * U+0000, a high surrogate not followed by a low one, or a low one not after a high one. No
 * `u` flag: it would read a pair as one code point, where each half must be seen alone.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a character no engine stores as given. */
export function isUnstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** Where the first unstorable string of a variables object lies (`v0.text`, `input.aliases[2]`), or null. */
export function unstorablePath(value: unknown, path: string): string | null {
  // A stack, not recursion: variables may nest as deep as the body allows.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (isUnstorable(v)) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v).reverse()) {
        if (isUnstorable(key)) return at;
        stack.push([item, at ? `${at}.${key}` : key]);
      }
    }
  }
  return null;
}

/**
 * The line of a document's first string literal holding unstorable text, or null; remembered
 * per parsed document (Apollo reuses one DocumentNode per query text from its document store),
 * since walking the whole document was 3% of a small request's time, and its literals never change.
 */
const literalLines = new WeakMap<DocumentNode, number | null>();

function unstorableLiteralLine(document: DocumentNode): number | null {
  const known = literalLines.get(document);
  if (known !== undefined) return known;
  let line: number | null = null;
  visit(document, {
    [Kind.STRING](node) {
      if (line === null && isUnstorable(node.value)) line = node.loc?.startToken.line ?? 0;
    },
  });
  literalLines.set(document, line);
  return line;
}

/** The refusal of an operation whose literals or variables hold unstorable text, or null. */
export function unstorableTextRefusal(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const line = unstorableLiteralLine(document);
  const where = line !== null ? `a string literal on line ${line}` : variables ? unstorablePath(variables, '') : null;
  if (where === null) return null;
  const place = line !== null ? where : `variable $${where}`;
  return new GraphQLError(`Text may not contain the NUL character (U+0000) or an unpaired surrogate (U+D800 to U+DFFF alone); found in ${place}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Refuses, before execution, an operation carrying text no engine can store as given. Who
 * may not run it at all hears that first: a refused key is the access plugin's, and a
 * mutation from a viewer who cannot write is left to the role check in execution.
 */
export const textGuardPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation, contextValue }) {
        if (accessRefusal(contextValue)) return;
        if (operation?.operation === OperationTypeNode.MUTATION && !(contextValue.viewer && ROLE_RANK[contextValue.viewer.role] >= ROLE_RANK[Role.EDITOR])) return;
        const refusal = unstorableTextRefusal(document, request.variables);
        if (refusal) throw refusal;
      },
    };
  },
};
