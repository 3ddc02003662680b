import { defineConfig } from 'vitest/config';

const dbProject = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `db-${engine}`,
    include: ['src/server/**/*.test.ts'],
    env: { ANJIAN_TEST_ENGINE: engine, TZ: 'Asia/Shanghai' },
    globalSetup: ['src/server/testing/template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/contracts/**/*.test.ts'] } },
      dbProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('postgres')] : []),
      // Browser tests: the built web app served by the real server, driven in Debian Chromium.
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
