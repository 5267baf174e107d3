/**
 * A seeded knowledge base on a PostgreSQL cluster of a test file's own, for tests that stop
 * and start PostgreSQL (stopping the run's shared cluster would cut off the files running
 * beside it), and a wait for a server's /health to answer a status.
 */
import { Client } from 'pg';
import { seedDatabase } from '../../src/bulk/import.js';
import { openKb, type Kb } from '../../src/db/open.js';
import { clusterUrl, startThrowawayCluster, type PgClusterHandle } from './pg-cluster.js';

export async function seededOwnCluster(poolSize: number): Promise<{ cluster: PgClusterHandle; kb: Kb; url: string }> {
  const cluster = await startThrowawayCluster();
  const admin = new Client({ connectionString: clusterUrl(cluster) });
  await admin.connect();
  await admin.query('CREATE DATABASE kb');
  await admin.end();
  const url = clusterUrl(cluster, 'kb');
  const kb = await openKb(url, { poolSize });
  await seedDatabase(kb);
  return { cluster, kb, url };
}

/** Polls `<url>/health` until it answers `status`; fails after `timeoutMs` with the last answer. */
export async function healthBecomes(url: string, status: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(`${url}/health`)).status;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/health answered ${last}, not ${status}, for ${timeoutMs} ms`);
}
