/** A suite's seeded knowledge base and real HTTP server, on either engine, opened before its tests and closed after. */
import { afterAll, beforeAll } from 'vitest';
import type { EngineName } from './engines.js';
import { startTestServer, type TestServer } from './http.js';
import { openTestKb, type TestKb } from './kb.js';

export function useSeededServer(engine: EngineName = 'sqlite', label = 'seeded'): { readonly kb: TestKb; readonly server: TestServer } {
  const state = {} as { kb: TestKb; server: TestServer };
  beforeAll(async () => {
    state.kb = await openTestKb(engine, { seed: true, label });
    state.server = await startTestServer(state.kb.engine);
  });
  afterAll(async () => {
    await state.server?.close();
    await state.kb?.dispose();
  });
  return state;
}
