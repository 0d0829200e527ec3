import { defineConfig } from 'vitest/config'

// The integration suite runs on embedded PGlite always, and again on a real PostgreSQL server when
// TEST_DATABASE_URL is set (CI sets it). Browser tests live in e2e/ and run under Playwright.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])]

export default defineConfig({
  test: {
    projects: databases.map(database => ({
      test: {
        name: database,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        env: { TEST_DB: database },
        testTimeout: 30_000,
        hookTimeout: 60_000,
        pool: 'forks',
        globalSetup: ['test/globalSetup.ts'],
      },
    })),
  },
})
