/**
 * `npm run kb -- import <bundle> [--author <name>]`,
 * `npm run kb -- export --format bundle|jsonld|csv|plover <dir>` and
 * `npm run kb -- backup <file>` (SQLite; on PostgreSQL it says to use pg_dump), against DATABASE_URL. A
 * refusal (a bundle that does not validate, an unknown format, a folder that is not empty) is
 * one line on stderr and exit code 2, with nothing written; success prints one summary line
 * (and an import draws a progress bar on a terminal) and exits 0.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Presets, SingleBar } from 'cli-progress';
import { SeedError } from './bulk/bundle-reader.js';
import { ExportError } from './bulk/export-error.js';
import { EXPORT_FORMATS, exportKb, prepareOutput, type ExportFormat } from './bulk/export.js';
import { synthesize } from './bulk/synth.js';
import { importBundle } from './bulk/import.js';
import { loadConfig } from './config.js';
import { backupDatabase, checkBackupTarget } from './db/backup.js';
import { databasePath, openDatabase } from './db/client.js';
import { openKb } from './db/open.js';
import { parseDatabaseUrl } from './db/database-url.js';
import { describeUrl } from './db/pg/engine.js';

const USAGE = `usage:
  npm run kb -- import <bundle> [--author <name>]
  npm run kb -- synth --statements <N> <dir>
  npm run kb -- export --format ${EXPORT_FORMATS.join('|')} <dir>
  npm run kb -- backup <file>`;

export async function runKbCli(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, author: { type: 'string' }, statements: { type: 'string' } } });
  } catch (e) {
    printError(`kb: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, dir, ...extra] = parsed.positionals;
  if (command === 'synth' && dir && extra.length === 0 && parsed.values.statements) {
    try {
      const statements = Number(parsed.values.statements);
      if (!Number.isInteger(statements) || statements < 1) throw new ExportError(`--statements must be a whole number from 1 (got ${parsed.values.statements})`);
      prepareOutput(dir);
      const started = Date.now();
      const made = synthesize(statements, dir);
      print(`synthesized ${dir}: ${made.sources} sources, ${made.actors} actors, ${made.issues} issues, ${made.events} events, ${made.statements} statements, ${made.positions} positions in ${Date.now() - started} ms`);
      return 0;
    } catch (e) {
      if (!(e instanceof ExportError || e instanceof RangeError)) throw e;
      printError(`kb: ${e.message}`);
      return 2;
    }
  }
  if (command === 'backup' && dir && extra.length === 0) return backupCommand(dir, env, print, printError);
  if ((command !== 'export' && command !== 'import') || !dir || extra.length > 0 || (command === 'export' && !parsed.values.format)) {
    const known = ['export', 'import', 'synth', 'backup'];
    printError(`kb: ${command && !known.includes(command) ? `unknown command "${command}"` : `${command ?? 'a command'} needs ${command === 'export' ? '--format and ' : command === 'synth' ? '--statements and ' : ''}${command === 'backup' ? 'one file' : 'one folder'}`}\n${USAGE}`);
    return 2;
  }
  const kb = await openKb(loadConfig(env).databaseUrl);
  try {
    const started = Date.now();
    if (command === 'import') {
      const author = parsed.values.author ?? env.USER ?? 'importer';
      const bar = process.stdout.isTTY && print === consolePrint ? new SingleBar({ format: 'importing [{bar}] {value}/{total} entries', hideCursor: true }, Presets.shades_classic) : null;
      let summary;
      try {
        let started = false;
        const progress = (done: number, total: number) => {
          if (!started) bar!.start(total, done);
          else bar!.update(done);
          started = true;
        };
        summary = await importBundle(kb, dir, author, bar ? progress : undefined);
      } finally {
        bar?.stop();
      }
      const elapsed = Date.now() - started;
      print(
        `imported ${dir}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.places} places` +
          `${summary.revision === null ? ', nothing written' : `, revision ${summary.revision} by ${author}`}, ${summary.rows} rows in ${elapsed} ms` +
          ` (${Math.round(summary.rows / Math.max(elapsed / 1000, 0.001))} rows/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`,
      );
      return 0;
    }
    const summary = await exportKb(kb.engine, parsed.values.format as ExportFormat, dir);
    const records = summary.files.reduce((n, f) => n + f.records, 0);
    print(`exported ${records} records in ${summary.files.length} file(s) as ${summary.format} to ${dir} in ${Date.now() - started} ms`);
    return 0;
  } catch (e) {
    if (e instanceof SeedError) {
      printError(`kb: import refused, nothing written: ${e.message}`);
      return 2;
    }
    // A path that is not a folder, a file that cannot be read, a constraint the database holds:
    // the user's bundle or folder, said in one line; the transaction wrote nothing.
    const integrity = e instanceof Error && /^23/.test(String((e as { code?: unknown }).code ?? '')); // PostgreSQL's integrity violations (class 23)
    if (e instanceof ExportError || e instanceof Database.SqliteError || (integrity && e instanceof Error) || (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall)) {
      printError(`kb: ${command === 'import' ? 'import refused, nothing written: ' : ''}${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await kb.close();
  }
}

/**
 * A backup of the database at DATABASE_URL, taken while a server may be serving and writing
 * it. The database is opened as it is (not migrated: a backup copies, it changes nothing).
 */
async function backupCommand(file: string, env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  const { databaseUrl } = loadConfig(env);
  // PostgreSQL has its own tool for a consistent copy of a live database; nothing is opened or written here.
  if (parseDatabaseUrl(databaseUrl).engine === 'postgres') {
    printError(`kb: backup refused: ${describeUrl(databaseUrl)} is PostgreSQL; back it up with pg_dump (pg_dump --format=custom --file=${file} '${describeUrl(databaseUrl)}')`);
    return 2;
  }
  try {
    checkBackupTarget(file);
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    printError(`kb: ${e.message}`);
    return 2;
  }
  if (!existsSync(databasePath(databaseUrl))) {
    printError(`kb: backup refused: there is no database at ${databaseUrl} (DATABASE_URL)`);
    return 2;
  }
  const { sqlite, close } = openDatabase(databaseUrl);
  try {
    const done = await backupDatabase(sqlite, file);
    print(`backed up ${databaseUrl} to ${file}: ${done.pages} pages, ${done.bytes} bytes in ${done.ms} ms, integrity_check ok`);
    return 0;
  } catch (e) {
    if (e instanceof ExportError || e instanceof Database.SqliteError) {
      printError(`kb: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    close();
  }
}

const consolePrint = (line: string) => console.log(line);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runKbCli(process.argv.slice(2), process.env, consolePrint, (l) => console.error(l));
}
