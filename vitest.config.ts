import { defineConfig } from 'vitest/config'

// The integration suite runs on embedded PGlite always, and again on a real PostgreSQL server when
// TEST_DATABASE_URL is set (CI sets it). Browser tests live in e2e/ and run under Playwright.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])]

export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker; much of a test's time is spent waiting on a database, so two
    // keep both cores busy.
    maxWorkers: 2,
    projects: databases.map(database => ({
      test: {
        name: database,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
        pool: 'forks',
        // Each test file builds its own app on its own database, and nothing is mocked, so files need not each
        // load the app's modules afresh: that halves the run. The database a file runs on comes from its
        // project's global setup (test/database.ts), not from the environment.
        isolate: false,
        globalSetup: ['test/globalSetup.ts'],
      },
    })),
  },
})
