/**
 * The example operations of `schema/examples/`: one named operation per `<name>.graphql`,
 * whose leading `#` comment lines say what it asks, with its variables (if it needs any) in a
 * sibling `<name>.variables.json`.
 *
 * `loadExamples` returns them sorted by file name. A file that does not parse, holds no
 * named operation, or has variables that are not a JSON object throws naming the file: the
 * examples are documentation that ships with the server, and a broken one should stop the
 * start-up rather than show up in the playground. A missing folder is no examples.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kind, parse } from 'graphql';

export interface Example {
  /** The file name without `.graphql`. */
  name: string;
  /** The operation's name, as GraphiQL titles its tab. */
  operationName: string;
  /** The leading comment lines, without `#`: the question the example answers. */
  description: string;
  /** The file's text, comment included. */
  query: string;
  /** The variables as pretty-printed JSON; empty when the example needs none. */
  variables: string;
}

export function loadExamples(dir: string): Example[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => loadExample(join(dir, file)));
}

function loadExample(file: string): Example {
  const name = basename(file, '.graphql');
  const query = readFileSync(file, 'utf8');
  let operationName: string | undefined;
  try {
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    operationName = operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
  } catch (error) {
    throw new Error(`example ${file} does not parse: ${(error as Error).message}`);
  }
  if (!operationName) throw new Error(`example ${file} holds no named operation`);

  const description = query
    .split('\n')
    .map((line) => line.trim())
    .filter((line, i, lines) => line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#')))
    .map((line) => line.replace(/^#+\s?/, ''))
    .join(' ');

  const variablesFile = join(file, '..', `${name}.variables.json`);
  let variables = '';
  if (existsSync(variablesFile)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(variablesFile, 'utf8'));
    } catch (error) {
      throw new Error(`example variables ${variablesFile} are not JSON: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`example variables ${variablesFile} must be a JSON object`);
    }
    variables = JSON.stringify(parsed, null, 2);
  }
  return { name, operationName, description, query, variables };
}
