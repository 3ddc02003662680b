import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that measure time or memory (*.timing.test.ts): they run after everything else, one file at a time. */
const TIMING = 'src/server/**/*.timing.test.ts';

const dbProject = (engine: 'pglite' | 'postgres', kind: 'main' | 'timing') => ({
  test: {
    name: kind === 'main' ? `db-${engine}` : `timing-${engine}`,
    include: kind === 'main' ? ['src/server/**/*.test.ts'] : [TIMING],
    exclude: kind === 'main' ? [...configDefaults.exclude, TIMING] : configDefaults.exclude,
    env: { ANJIAN_TEST_ENGINE: engine, TZ: 'Asia/Shanghai' },
    globalSetup: ['src/server/testing/template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A measurement shares the two cores with nothing else: its own group, after the others, file by file.
    ...(kind === 'timing' ? { fileParallelism: false, sequence: { groupOrder: engine === 'pglite' ? 1 : 2 } } : {}),
  },
});

const engines = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/contracts/**/*.test.ts'] } },
      ...engines.map((e) => dbProject(e, 'main')),
      ...engines.map((e) => dbProject(e, 'timing')),
      // Browser tests: the built web app served by the real server, driven in Debian Chromium.
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          // A stack with the whole demo (history: true) seeds plans, resources and incidents with their reports too:
          // 95 s on an idle 2-core machine, over 180 s when the machine is busy.
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
