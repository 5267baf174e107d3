import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships both index.mjs and index.js; Node (and so Apollo and type-graphql) loads the
  // CommonJS one, Vite would pick the ES one for our own files. Two copies of graphql break
  // `instanceof` checks ("Cannot use GraphQLSchema from another module or realm"), so tests
  // load the same copy as production.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    // One PostgreSQL for the run (a throwaway cluster, TEST_DATABASE_URL, or none with a
    // one-line notice), handed to test files through inject('postgres'): tests/helpers/engines.ts.
    globalSetup: ['tests/setup/postgres.global.ts'],
    // Generous: the suite must pass on a machine busy with other work. Under a load average of
    // 17 on 2 cores, tests that spawn `npm start`, `kb backup` or count statements on a grown
    // base took past 30 s (they take 3–8 s on an idle machine); a wait is for an event, and
    // these bounds only end a test that would never finish.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
