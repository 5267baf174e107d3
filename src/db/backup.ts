/**
 * `npm run kb -- backup <file>`: an online backup of the live database with SQLite's backup API
 * (better-sqlite3's `backup`). It copies pages in steps and restarts a step a concurrent write
 * has touched, so the server keeps serving and writing meanwhile, and the copy is one consistent
 * state of the database: a database a server can be started on, as is (see README, "Backups").
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { ExportError } from '../bulk/export-error.js';

export interface BackupSummary {
  file: string;
  pages: number;
  bytes: number;
  ms: number;
}

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

export async function backupDatabase(sqlite: Database.Database, file: string): Promise<BackupSummary> {
  const target = checkBackupTarget(file);
  const started = Date.now();
  const { totalPages } = await sqlite.backup(target);
  return { file: target, pages: totalPages, bytes: statSync(target).size, ms: Date.now() - started };
}
