import { buildApp, type App } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'
import { FixedClock } from '../src/lib/clock.js'
import { createServices, type Services } from '../src/services/index.js'
import { DEMO_PASSWORD } from '../src/services/demo.js'
import { createSeededTestDatabase, type TestDatabase } from './database.js'

export { DEMO_PASSWORD }

/** The day the test clock stands on unless a test moves it. */
export const TEST_START = '2026-11-23T09:00:00Z'

export interface TestApp {
  app: App
  services: Services
  clock: FixedClock
  config: Config
  testDatabase: TestDatabase
  close(): Promise<void>
}

/**
 * The real application on a database of its own, migrated and seeded with the demo (three
 * authorities, a user for every role in each, synthetic families), with a clock the test controls.
 */
export async function buildTestApp(environment: Record<string, string> = {}): Promise<TestApp> {
  const testDatabase = await createSeededTestDatabase()
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...environment })
  const clock = new FixedClock(TEST_START)
  const services = createServices({ database: testDatabase.database, clock, config })
  const app = await buildApp({ config, services, clock, secret: 'a-test-secret-that-is-long-enough-to-sign' })
  await app.ready()
  return {
    app,
    services,
    clock,
    config,
    testDatabase,
    async close() {
      await app.close()
      await testDatabase.close()
    },
  }
}

/** The demo email of a role in an authority, e.g. demoEmail('team_manager', 'derby'). */
export const demoEmail = (role: string, authority: 'derby' | 'durham' | 'leeds') =>
  `${role.replace(/_/g, '-')}@${authority}.tandem.example`
