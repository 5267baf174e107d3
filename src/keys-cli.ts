/**
 * `npm run keys -- create --role EDITOR --name "Jane, desk"`, `npm run keys -- list`,
 * `npm run keys -- revoke <id|prefix>`, against the database named by DATABASE_URL.
 * `create` prints the new key once, alone on the last line; nothing else ever prints a key.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createKey, KeyError, listKeys, revokeKey } from './auth/keys.js';
import { loadConfig } from './config.js';
import { openKb } from './db/open.js';
import { Role } from './shared/enums.js';

const USAGE = `usage:
  npm run keys -- create --role READER|EDITOR|ADMIN --name "<owner>"
  npm run keys -- list
  npm run keys -- revoke <id|prefix>`;

/** Runs one keys command; `print` receives each line of output. Returns the exit code. */
export async function keysCommand(argv: string[], databaseUrl: string, print: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' } } });
  const [command, ...rest] = positionals;
  const kb = await openKb(databaseUrl);
  const { engine, location: path } = kb;
  try {
    switch (command) {
      case 'create': {
        if (!values.role || values.name === undefined) throw new KeyError(`create needs --role and --name\n${USAGE}`);
        const { row, key } = await createKey(engine, values.role.toUpperCase() as Role, values.name);
        print(`created key ${row.prefix} (id ${row.id}, role ${row.role}, name "${row.name}") in ${path}`);
        print('It is shown this once; only its SHA-256 is stored. Send it as: Authorization: Bearer <key>');
        print(key);
        return 0;
      }
      case 'list': {
        for (const k of await listKeys(engine)) {
          print([k.prefix, `id ${k.id}`, k.role, JSON.stringify(k.name), `created ${k.createdAt}`, k.revokedAt ? `revoked ${k.revokedAt}` : 'live'].join('\t'));
        }
        return 0;
      }
      case 'revoke': {
        if (rest.length !== 1) throw new KeyError(`revoke needs one id or prefix\n${USAGE}`);
        const row = await revokeKey(engine, rest[0]!);
        print(`revoked key ${row.prefix} (id ${row.id}, ${row.role}, "${row.name}") at ${row.revokedAt}`);
        return 0;
      }
      default:
        throw new KeyError(USAGE);
    }
  } finally {
    await kb.close();
  }
}

/** The command line: a refusal is one line on stderr and exit code 2, never a stack trace. */
export async function runKeysCli(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  try {
    return await keysCommand(argv, loadConfig(env).databaseUrl, print);
  } catch (e) {
    if (!(e instanceof KeyError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw e;
    printError(`keys: ${(e as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runKeysCli(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line));
}
