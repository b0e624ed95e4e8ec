import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests:
 * - unit: pure functions, in parallel;
 * - db (`*.db.test.ts`): one seeded database shared by every file of the run (PGlite, or the
 *   PostgreSQL at TEST_DATABASE_URL), so one worker, no isolation between files;
 * - geodata (`geodata/**`): invariants of the committed dataset, each file with its own PGlite;
 * - web (`web/src/**`): components and hooks in jsdom;
 * - e2e (`web/e2e/**`): the built app served by the real server, driven in Debian Chromium;
 * - cluster (`*.cluster.test.ts`): two API servers on a primary and its streaming replica, started
 *   by scripts/replica-cluster.sh; the project exists only while REPLICA_CLUSTER names its env file
 *   (.ci/run starts the cluster and runs it).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['api/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.cluster.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['**/*.db.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          isolate: false,
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      ...(process.env.REPLICA_CLUSTER
        ? [
            {
              test: {
                name: 'cluster',
                include: ['**/*.cluster.test.ts'],
                exclude: ['**/node_modules/**'],
                environment: 'node',
                maxWorkers: 1,
                fileParallelism: false,
                testTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'geodata',
          include: ['geodata/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
