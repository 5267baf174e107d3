/**
 * `npm run kb -- export --format jsonld|csv|plover <dir>`, against DATABASE_URL. A refusal (an
 * unknown format, a folder that is not empty) is one line on stderr and exit code 2; success
 * prints one summary line and exits 0.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, ExportError, exportKb, type ExportFormat } from './bulk/export.js';
import { loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/client.js';

const USAGE = `usage: npm run kb -- export --format ${EXPORT_FORMATS.join('|')} <dir>`;

export async function runKbCli(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' } } });
  } catch (e) {
    printError(`kb: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, dir, ...extra] = parsed.positionals;
  if (command !== 'export' || !dir || extra.length > 0 || !parsed.values.format) {
    printError(`kb: ${command && command !== 'export' ? `unknown command "${command}"` : 'export needs --format and one folder'}\n${USAGE}`);
    return 2;
  }
  const { db, sqlite, close } = openDatabase(loadConfig(env).databaseUrl);
  try {
    migrateDatabase(db);
    const started = Date.now();
    const summary = await exportKb(sqlite, parsed.values.format as ExportFormat, dir);
    const records = summary.files.reduce((n, f) => n + f.records, 0);
    print(`exported ${records} records in ${summary.files.length} file(s) as ${summary.format} to ${dir} in ${Date.now() - started} ms`);
    return 0;
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    printError(`kb: ${e.message}`);
    return 2;
  } finally {
    close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runKbCli(process.argv.slice(2), process.env, (l) => console.log(l), (l) => console.error(l));
}
