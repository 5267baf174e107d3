/**
 * `npm run kb -- backup <file>`: an online backup of the live database with SQLite's backup API
 * (better-sqlite3's `backup`), taken while the server keeps serving and writing. The copy is
 * one consistent state of the database: a database a server can be started on, as is (see
 * README, "Backups").
 *
 * Why not a file copy: copying `kb.sqlite` while the server writes can catch half a
 * transaction, and misses every commit still in the -wal file. The backup API reads pages
 * inside a read transaction, so the copy is the database as of one commit.
 *
 * Why every page in one step: when another connection (the server, another process) writes
 * between two steps of an incremental backup, SQLite starts it again from the first page. At
 * better-sqlite3's default of 100 pages a step, a 200 MB database under one write every 20 ms
 * was still restarting after 20 s and 79,000 steps; in one step it took 0.3 s. One step holds a
 * single read snapshot, and under WAL that blocks no writer (only the checkpoint waits for it),
 * so the server keeps answering and writing meanwhile.
 *
 * The copy is written under a temporary name beside the target, passes `PRAGMA
 * integrity_check`, and only then gets the target's name by a hard link, which fails if that
 * name appeared meanwhile: an interrupted backup never leaves a half-written file under the
 * name, and a backup never replaces a file.
 */
import { existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ExportError } from '../bulk/export-error.js';

export interface BackupSummary {
  /** Absolute path of the backup. */
  file: string;
  pages: number;
  bytes: number;
  ms: number;
}

/** The most pages better-sqlite3 accepts for a step: in effect, all of them. */
const ALL_PAGES = 0x7fffffff;

/**
 * Refuses a target that exists (a backup never overwrites: that could be the previous good one,
 * or the live database itself) or whose folder is missing, before anything is written.
 */
export function checkBackupTarget(file: string): string {
  const target = resolve(file);
  if (existsSync(target)) throw new ExportError(`backup refused: ${file} exists already (choose a new file name)`);
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) throw new ExportError(`backup refused: the folder ${dirname(file)} does not exist`);
  return target;
}

/** The temporary name: hidden, in the target's folder so that the final link stays on one file system. */
function partialName(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
}

/** Removes a copy and the files SQLite may keep beside it (a rollback journal, or a WAL and its index). */
function removeCopy(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/**
 * `PRAGMA integrity_check` of a database file no one else has open: `['ok']` when it is sound.
 * Opened read-write on purpose: the copy carries the WAL mode of its source, and a read-only
 * connection could not remove the -wal and -shm files it makes when it closes.
 */
export function integrityCheck(file: string): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}

/** Copies the open database `sqlite` to `file`; other connections may write to it meanwhile. */
export async function backupDatabase(sqlite: Database.Database, file: string): Promise<BackupSummary> {
  const target = checkBackupTarget(file);
  const partial = partialName(target);
  const started = Date.now();
  removeCopy(partial);
  try {
    // better-sqlite3 runs a first step of no pages (to learn the size), then asks `progress`
    // how many pages the next step copies: all of them, in one read snapshot.
    const { totalPages } = await sqlite.backup(partial, { progress: () => ALL_PAGES });
    const problems = integrityCheck(partial);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new ExportError(`backup failed: the copy did not pass its integrity check (${problems.slice(0, 3).join('; ')}); nothing written`);
    try {
      linkSync(partial, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ExportError(`backup refused: ${file} appeared while the backup ran; nothing written`);
      throw e;
    }
    return { file: target, pages: totalPages, bytes: statSync(target).size, ms: Date.now() - started };
  } finally {
    removeCopy(partial);
  }
}
