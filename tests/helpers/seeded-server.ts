/** A suite's seeded database and real HTTP server, opened before its tests and closed after. */
import { afterAll, beforeAll } from 'vitest';
import { openTestDb, type TestDb } from './db.js';
import { startTestServer, type TestServer } from './http.js';

export function useSeededServer(): { readonly kb: TestDb; readonly server: TestServer } {
  const state = {} as { kb: TestDb; server: TestServer };
  beforeAll(async () => {
    state.kb = await openTestDb();
    state.server = await startTestServer(state.kb.engine);
  });
  afterAll(async () => {
    await state.server?.close();
    state.kb?.dispose();
  });
  return state;
}
