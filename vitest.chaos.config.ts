import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:chaos`): crash points, fault matrix, concurrent writers
 * and bad inputs, driving the built CLI as child processes against a real sandbox. Separate
 * from `npm test` so the everyday suite stays fast; files run one at a time because each
 * scenario already runs several processes on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
