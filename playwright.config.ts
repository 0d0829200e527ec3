import { defineConfig, devices } from '@playwright/test'

// The browser tests run the real app, as `npm start` does, on a fresh embedded database seeded with the demo.
const port = 3100
const baseURL = `http://127.0.0.1:${port}`

export default defineConfig({
  testDir: 'e2e',
  // Tests share one server and one database, so each test signs in as its own user and writes nothing shared.
  fullyParallel: true,
  workers: 2,
  // No retries: a flaky browser test hides a real fault (a race in the app or in the axe check) more often than not.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  // Generous, for CI's shared two cores: the axe check runs inside a locator handler, so its time counts against
  // whichever assertion or action meets a page first; a slow machine must not turn that into a failure.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    // A trace costs a fifth more time on every test; to debug a failure, run with --trace retain-on-failure.
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Browsers cannot be downloaded here: use the system's Chromium.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx src/server.ts --reset',
    url: `${baseURL}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATA_DIR: '.tmp/e2e-data',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      SEED_DEMO: 'true',
      // Always the embedded database, even where a developer's shell points DATABASE_URL at a server.
      DATABASE_URL: '',
    },
  },
})
