import { defineConfig } from 'vitest/config';

// Three projects: unit tests need nothing running; integration and browser tests share one
// real PostgreSQL + Meilisearch + built portal server that tests/setup/global.ts starts; the
// fault tests start (and kill) servers of their own, one file at a time.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/setup/global.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          globalSetup: ['tests/faults/lib/global.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // After the other projects: these tests kill servers and load the machine on purpose.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
