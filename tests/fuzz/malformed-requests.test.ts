/**
 * Fuzzing with malformed requests: 10,000 of them (FUZZ_MALFORMED), each made from a valid
 * operation and then broken (tests/helpers/fuzz-operations.ts `malformedRequest`): documents
 * with characters deleted, inserted, duplicated or swapped, or truncated; variables of the
 * wrong type, huge numbers (2^53, 1e308, -0, "NaN"), lone surrogates, undeclared or missing;
 * hundreds of levels of nesting; too many aliases, tokens or directives; very long strings and
 * bodies over the limit; invalid JSON, wrong content types, charsets, methods and body shapes;
 * bad Authorization headers.
 *
 * None may get a 5xx or an error without a code; the answer is a 4xx, or 200 when the damage
 * left a valid operation. Nothing may be written: no request carries a key that may write, and
 * every table is compared before and after.
 */
import { describe, expect, it } from 'vitest';
import { malformedRequest, validOperation } from '../helpers/fuzz-operations.js';
import { testEngines } from '../helpers/engines.js';
import { snapshotKb } from '../helpers/snapshot.js';
import { caseRange, caseRng, expectClean, newStats, ONLY, printReport, runCases, schema, useFuzzServer, type FuzzCase } from './harness.js';

const MALFORMED = Number(process.env.FUZZ_MALFORMED ?? 10_000);
/** Malformed case numbers start here, so that they never share a seed with a valid case. */
const FIRST = 1_000_000;

/** The statuses a malformed request may get: a client error, or 200 when it still made sense. */
const EXPECTED_STATUSES = new Set([200, 400, 401, 403, 404, 405, 408, 413, 415]);

describe.each(testEngines())('Fuzzing with malformed requests on $engine (seeded; FUZZ_SEED replays a run)', ({ engine }) => {
  const ctx = useFuzzServer('fuzz malformed', engine);

  function buildCase(index: number): FuzzCase {
    const rng = caseRng(index);
    const op = validOperation(schema, rng, ctx.pools, rng.chance(0.8) ? 'query' : 'mutation');
    return { index, seed: rng.seed, kind: 'malformed', auth: 'none', op, raw: malformedRequest(rng, op) };
  }

  it(
    `answers ${MALFORMED} malformed requests with a 4xx (or 200) and coded errors, never a 5xx, and writes nothing`,
    async () => {
      const stats = newStats();
      const started = performance.now();
      const before = await snapshotKb(ctx.kb);
      await runCases(ctx, stats, caseRange(FIRST, FIRST + MALFORMED), buildCase);
      await new Promise((resolve) => setImmediate(resolve));
      const unchanged = (await snapshotKb(ctx.kb)) === before;

      printReport('fuzz malformed', stats, performance.now() - started);
      expectClean(ctx, stats);
      expect(Object.keys(stats.statuses).map(Number).filter((s) => !EXPECTED_STATUSES.has(s))).toEqual([]);
      expect(unchanged, 'a malformed request changed the database').toBe(true);
      if (ONLY === null) expect(stats.sent).toBe(MALFORMED);
    },
    300_000,
  );
});
