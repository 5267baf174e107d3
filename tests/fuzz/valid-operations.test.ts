/**
 * Fuzzing with operations valid against the schema: 10,000 of them (FUZZ_VALID), random
 * fields, aliases, fragments, directives, arguments and variables, within the operation limits
 * (tests/helpers/fuzz-operations.ts), sent over real HTTP to the real server.
 *
 * Phase 1 (80%) can write nothing: queries with any key, and mutations sent without a key,
 * with a READER key, or with a revoked or unknown key, which must be refused with
 * UNAUTHENTICATED or FORBIDDEN; every table is compared before and after to prove nothing was
 * written. Phase 2 (20%) sends half mutations with EDITOR and ADMIN keys, with inputs mostly
 * wrong (unknown ids, stale versions, quotes not in their source) and sometimes right, between
 * queries that read what they changed. A few subscriptions go over HTTP in both, and must be
 * refused with a code.
 *
 * Every answer is judged by `problems` (tests/fuzz/harness.ts); see there for what must hold.
 */
import { describe, expect, it } from 'vitest';
import { validOperation, type OperationType } from '../helpers/fuzz-operations.js';
import { testEngines } from '../helpers/engines.js';
import { snapshotKb } from '../helpers/snapshot.js';
import { caseRange, caseRng, expectClean, newStats, ONLY, printReport, runCases, schema, useFuzzServer, type Auth, type FuzzCase } from './harness.js';

const VALID = Number(process.env.FUZZ_VALID ?? 10_000);
/** Cases from here on are phase 2, where EDITOR and ADMIN keys write. */
const PHASE2_FROM = Math.round(VALID * 0.8);

describe.each(testEngines())('Fuzzing with valid operations on $engine (seeded; FUZZ_SEED replays a run)', ({ engine }) => {
  const ctx = useFuzzServer('fuzz valid', engine);

  /** Case `index`: its operation type, operation and key, all from its own seed. */
  function buildCase(index: number): FuzzCase {
    const rng = caseRng(index);
    const phase2 = index >= PHASE2_FROM;
    const operationType: OperationType = rng.chance(0.01) ? 'subscription' : rng.chance(phase2 ? 0.5 : 0.15) ? 'mutation' : 'query';
    const op = validOperation(schema, rng, ctx.pools, operationType);
    const auth: Auth =
      operationType !== 'mutation'
        ? rng.pick<Auth>(['none', 'none', 'none', 'none', 'none', 'none', 'reader', 'editor', 'revoked', 'unknown'])
        : phase2
          ? rng.pick<Auth>(['editor', 'admin', 'admin'])
          : rng.pick<Auth>(['none', 'none', 'reader', 'revoked', 'unknown']);
    return { index, seed: rng.seed, kind: 'valid', auth, op };
  }

  it(
    `answers ${VALID} valid operations without a 5xx, an uncoded error or a crash, and writes nothing without a writer's key`,
    async () => {
      const stats = newStats();
      const started = performance.now();
      const before = await snapshotKb(ctx.kb);
      await runCases(ctx, stats, caseRange(0, PHASE2_FROM), buildCase);
      const unchanged = (await snapshotKb(ctx.kb)) === before;
      const revisions = async () => (await ctx.server.gql('{ revisions(first: 0) { totalCount } }')).data?.revisions.totalCount as number;
      const revisionsBefore = await revisions();
      await runCases(ctx, stats, caseRange(PHASE2_FROM, VALID), buildCase);
      const written = (await revisions()) - revisionsBefore;
      // A rejection from the last requests surfaces in a later turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));

      printReport('fuzz valid', stats, performance.now() - started, [`phase 2 (EDITOR and ADMIN keys) wrote ${written} revisions`]);
      expectClean(ctx, stats);
      expect(unchanged, 'phase 1 (no writer key) changed the database').toBe(true);
      if (ONLY === null) expect(stats.sent).toBe(VALID);
      // The keys that may write did write: some random inputs were right (about 70 of the
      // 1,000 writes of a full run; a short run, FUZZ_VALID=100, may well write nothing).
      if (ONLY === null && VALID >= 5_000) expect(written).toBeGreaterThan(0);
    },
    300_000,
  );
});
