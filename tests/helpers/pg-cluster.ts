/**
 * A throwaway PostgreSQL cluster for tests: Debian's installed PostgreSQL (no Docker here),
 * `initdb` into a temporary folder, started on a free port of 127.0.0.1, then stopped and
 * deleted. One cluster serves a whole test run (tests/setup/postgres.global.ts); a test
 * file takes a database of its own on it (tests/helpers/engines.ts).
 *
 * The server refuses to run as root. As root (CI, this machine) every PostgreSQL program runs
 * through `runuser -u postgres --` in a folder owned by `postgres`; as anyone else (a
 * developer's laptop) it runs as the current user.
 *
 * Durability is off (fsync, synchronous_commit, full_page_writes): the cluster never outlives
 * the run, and an operating-system crash is not what these tests are about. Stopping the
 * process (`stopCluster`) still loses nothing committed.
 *
 * Settings live in `kb-test.conf`, included from postgresql.conf, so `stopCluster` and
 * `startCluster` restart the SAME cluster (same folder, same port, same data) with a bare
 * `pg_ctl start`: what a "PostgreSQL went away and came back" test needs.
 *
 * Cleanup: `destroyCluster` stops and deletes. A cluster this process started and did not
 * destroy is stopped (immediate mode) and deleted when the process exits; a cluster whose
 * owning process died without that (SIGKILL) is swept by the next `startThrowawayCluster`
 * on the machine, recognised by its folder prefix and the dead PID in its `owner.json`.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync, chownSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { freePort } from './free-port.js';

/** The oldest PostgreSQL major version the tests accept. */
export const MIN_PG_MAJOR = 15;

/** Folder prefix of every throwaway cluster under the temporary folder (also what the sweep looks for). */
const ROOT_PREFIX = 'kb-pg-';

/** PostgreSQL programs found on this machine. */
export interface PgBinaries {
  /** Folder holding initdb, pg_ctl and postgres. */
  binDir: string;
  /** Full version, e.g. "15.18". */
  version: string;
  major: number;
}

/**
 * Everything needed to reach, stop and restart a cluster, as plain data: it crosses from
 * vitest's globalSetup to the test workers through `provide`/`inject`.
 */
export interface PgClusterHandle {
  binDir: string;
  version: string;
  /** The temporary folder: data/, the log, the Unix socket, owner.json. Deleted by destroyCluster. */
  rootDir: string;
  dataDir: string;
  /** Where the Unix socket lives (the root folder: short enough for the socket path limit). */
  socketDir: string;
  /** The server's log file (pg_ctl -l): read it when a start fails. */
  logFile: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** The user the programs run as via `runuser` (`postgres` when we are root), or null for the current user. */
  runAs: string | null;
  /** The superuser role (trust authentication, no password). */
  user: string;
}

export interface StartClusterOptions {
  /** Extra `name = value` settings for kb-test.conf (values written as given, so quote strings). */
  settings?: Record<string, string | number>;
  /** Locale for initdb; C.UTF-8 by default: code-point ordering like SQLite's, with real case mapping for non-ASCII letters. */
  locale?: string;
  /** Binaries to use; found with findPostgresBinaries() by default. */
  binaries?: PgBinaries;
}

const DEFAULT_SETTINGS: Record<string, string | number> = {
  listen_addresses: "'127.0.0.1'",
  max_connections: 200,
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  // The same clock on every machine: a laptop elsewhere than CI gets the same text for a timestamptz.
  timezone: "'UTC'",
  log_timezone: "'UTC'",
};

/** Clusters this process started and has not destroyed: stopped and deleted on exit. */
const live = new Map<string, PgClusterHandle>();
let exitHookInstalled = false;

/**
 * Finds PostgreSQL's server programs, or returns null when they are not installed.
 *
 * Order: `PG_BIN_DIR` if set (and nothing else: `PG_BIN_DIR=/nonexistent` makes a machine
 * look as if PostgreSQL were not installed); else the folder of `pg_ctl` on PATH; else the
 * highest `/usr/lib/postgresql/<major>/bin` (Debian's layout, not on PATH). A folder counts
 * only with initdb, pg_ctl and postgres in it and a major version ≥ MIN_PG_MAJOR.
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): PgBinaries | null {
  if (env.PG_BIN_DIR !== undefined) return probeBinDir(env.PG_BIN_DIR);

  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !existsSync(join(dir, 'pg_ctl'))) continue;
    // /usr/local/bin/pg_ctl may be a link into /usr/lib/postgresql/15/bin: use the real folder.
    const found = probeBinDir(dirname(realpathSync(join(dir, 'pg_ctl'))));
    if (found) return found;
  }

  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => b - a);
    for (const major of majors) {
      const found = probeBinDir(join(debian, String(major), 'bin'));
      if (found) return found;
    }
  }
  return null;
}

function probeBinDir(binDir: string): PgBinaries | null {
  if (!['initdb', 'pg_ctl', 'postgres'].every((p) => existsSync(join(binDir, p)))) return null;
  let out: string;
  try {
    out = execFileSync(join(binDir, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  } catch {
    return null;
  }
  // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out);
  if (!m) return null;
  const major = Number(m[1]);
  if (major < MIN_PG_MAJOR) return null;
  return { binDir, version: m[2] === undefined ? m[1] : `${m[1]}.${m[2]}`, major };
}

/** `postgres://user@127.0.0.1:port/database` for a cluster (trust authentication: no password). */
export function clusterUrl(cluster: PgClusterHandle, database = 'postgres'): string {
  return `postgres://${encodeURIComponent(cluster.user)}@127.0.0.1:${cluster.port}/${encodeURIComponent(database)}`;
}

/**
 * initdb into a new temporary folder and start the server on a free port; resolves once it
 * accepts connections (`pg_ctl -w`). A port taken between choosing and binding (another
 * worker on the machine) is retried on a new port. Rejects with the log's last lines when the
 * server does not start.
 */
export async function startThrowawayCluster(options: StartClusterOptions = {}): Promise<PgClusterHandle> {
  const bins = options.binaries ?? findPostgresBinaries();
  if (!bins) {
    throw new Error(
      `PostgreSQL ${MIN_PG_MAJOR}+ not found (PG_BIN_DIR, PATH, /usr/lib/postgresql/*/bin); install Debian's postgresql.`,
    );
  }
  sweepAbandonedClusters();

  const runAs = process.getuid?.() === 0 ? 'postgres' : null;
  // As root, /tmp rather than TMPDIR: the postgres user must be able to reach the folder, and a
  // root's TMPDIR may sit under /root.
  const rootDir = mkdtempSync(join(runAs ? '/tmp' : tmpdir(), ROOT_PREFIX));
  writeFileSync(join(rootDir, 'owner.json'), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  if (runAs) {
    const { uid, gid } = userIds(runAs);
    chownSync(rootDir, uid, gid);
  }
  const cluster: PgClusterHandle = {
    binDir: bins.binDir,
    version: bins.version,
    rootDir,
    dataDir: join(rootDir, 'data'),
    socketDir: rootDir,
    logFile: join(rootDir, 'server.log'),
    port: 0,
    runAs,
    user: 'postgres',
  };
  track(cluster);

  try {
    await run(cluster, 'initdb', [
      '-D', cluster.dataDir,
      '-A', 'trust',
      '-U', cluster.user,
      '-E', 'UTF8',
      `--locale=${options.locale ?? 'C.UTF-8'}`,
      '--no-sync',
    ]);
    appendFileSync(join(cluster.dataDir, 'postgresql.conf'), "\ninclude 'kb-test.conf'\n");

    for (let attempt = 1; ; attempt++) {
      cluster.port = await freePort();
      const settings = {
        ...DEFAULT_SETTINGS,
        unix_socket_directories: `'${cluster.socketDir}'`,
        port: cluster.port,
        ...options.settings,
      };
      writeFileSync(
        join(cluster.dataDir, 'kb-test.conf'),
        Object.entries(settings).map(([k, v]) => `${k} = ${v}\n`).join(''),
      );
      try {
        await startCluster(cluster);
        return cluster;
      } catch (err) {
        const portTaken = /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(logTail(cluster));
        if (!portTaken || attempt >= 5) throw err;
      }
    }
  } catch (err) {
    await destroyCluster(cluster).catch(() => {});
    throw err;
  }
}

/**
 * Starts a stopped cluster again: same folder, port and data (`pg_ctl -w start`). Resolves
 * once it accepts connections; rejects with the log's last lines otherwise.
 */
export async function startCluster(cluster: PgClusterHandle): Promise<void> {
  try {
    // -l: the postmaster writes to the log, not to our pipes (which would otherwise stay open
    // and keep execFile waiting for as long as the server runs).
    await run(cluster, 'pg_ctl', ['-D', cluster.dataDir, '-l', cluster.logFile, '-w', '-t', '60', 'start']);
  } catch (err) {
    throw new Error(`PostgreSQL did not start on port ${cluster.port}: ${(err as Error).message}\n--- ${cluster.logFile} ---\n${logTail(cluster)}`);
  }
}

/**
 * Stops the cluster (`pg_ctl -m fast -w stop`: open sessions are terminated with 57P01, then
 * the server shuts down cleanly) and resolves once it is down. The folder stays, for
 * `startCluster`. Stopping a cluster that is not running is not an error.
 */
export async function stopCluster(cluster: PgClusterHandle): Promise<void> {
  if (!isRunning(cluster)) return;
  await run(cluster, 'pg_ctl', ['-D', cluster.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
}

/** Stops the cluster if it runs and deletes its folder. */
export async function destroyCluster(cluster: PgClusterHandle): Promise<void> {
  try {
    await stopCluster(cluster);
  } finally {
    rmSync(cluster.rootDir, { recursive: true, force: true });
    live.delete(cluster.rootDir);
  }
}

/** Whether the cluster's postmaster is running (its postmaster.pid names a live process). */
export function isRunning(cluster: Pick<PgClusterHandle, 'dataDir'>): boolean {
  const pidFile = join(cluster.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && processAlive(pid);
}

/** The last lines of the server's log, for failure messages. */
export function logTail(cluster: Pick<PgClusterHandle, 'logFile'>, lines = 30): string {
  if (!existsSync(cluster.logFile)) return '(no log)';
  return readFileSync(cluster.logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

function run(cluster: Pick<PgClusterHandle, 'binDir' | 'runAs'>, program: string, args: string[]): Promise<string> {
  const file = join(cluster.binDir, program);
  const [cmd, argv] = cluster.runAs ? ['runuser', ['-u', cluster.runAs, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${program} ${args.join(' ')} failed (${err.code ?? err.signal}): ${stderr.trim() || stdout.trim()}`));
      else resolve(stdout);
    });
  });
}

function userIds(user: string): { uid: number; gid: number } {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new Error(`PostgreSQL refuses to run as root, and there is no '${user}' user to run it as (Debian's postgresql package creates one).`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Synchronous, immediate stop and delete: all an 'exit' handler may do. */
function stopNowSync(cluster: PgClusterHandle): void {
  if (isRunning(cluster)) {
    const file = join(cluster.binDir, 'pg_ctl');
    const args = ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop'];
    if (cluster.runAs) spawnSync('runuser', ['-u', cluster.runAs, '--', file, ...args], { stdio: 'ignore' });
    else spawnSync(file, args, { stdio: 'ignore' });
  }
  rmSync(cluster.rootDir, { recursive: true, force: true });
}

function track(cluster: PgClusterHandle): void {
  live.set(cluster.rootDir, cluster);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live.values()) stopNowSync(c);
  });
}

/**
 * Stops and deletes the clusters of runs that died without cleaning up (a SIGKILLed vitest):
 * folders named kb-pg-* whose owner.json names a process that no longer exists. A folder
 * without owner.json may be one being created right now, and is left alone.
 */
function sweepAbandonedClusters(): void {
  for (const base of new Set(['/tmp', tmpdir()])) {
    let names: string[];
    try {
      names = readdirSync(base).filter((n) => n.startsWith(ROOT_PREFIX));
    } catch {
      continue;
    }
    for (const name of names) {
      const rootDir = join(base, name);
      try {
        if (!statSync(rootDir).isDirectory()) continue;
        const owner = JSON.parse(readFileSync(join(rootDir, 'owner.json'), 'utf8')) as { pid: number };
        if (processAlive(owner.pid)) continue;
        const dataDir = join(rootDir, 'data');
        const binDir = readPgBinDir(dataDir);
        const runAs = process.getuid?.() === 0 ? 'postgres' : null;
        if (binDir) stopNowSync({ binDir, dataDir, rootDir, runAs } as PgClusterHandle);
        else rmSync(rootDir, { recursive: true, force: true });
      } catch {
        // Not ours to judge (unreadable, half-written): leave it.
      }
    }
  }
}

/** The bin folder of the server that runs (or ran) a data folder, from PG_VERSION. */
function readPgBinDir(dataDir: string): string | null {
  try {
    const major = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
    const debian = `/usr/lib/postgresql/${major}/bin`;
    if (existsSync(join(debian, 'pg_ctl'))) return debian;
    const found = findPostgresBinaries();
    return found && String(found.major) === major ? found.binDir : null;
  } catch {
    return null;
  }
}
