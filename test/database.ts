import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, pgliteOptions, type Database } from '../src/data/database.js'
import { migrate } from '../src/data/migrate.js'

export type TestDatabaseKind = 'pglite' | 'postgres'

/**
 * The database this test project runs on: PGlite, or PostgreSQL when the project says so. Read from what the
 * project's global setup provided rather than from the environment, as a worker that is not isolated runs
 * files of both projects one after another.
 */
export function testDatabaseKind(): TestDatabaseKind {
  return inject('seededPostgres') ? 'postgres' : 'pglite'
}

export interface TestDatabase {
  database: Database
  /** For PostgreSQL, the URL of this test's own database (for child processes and second connections). */
  url: string | undefined
  close(): Promise<void>
}

/** A freshly migrated, empty database of its own for one test file: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ pglite: await PGlite.create(pgliteOptions) })
    await migrate(database)
    return { database, url: undefined, close: () => database.close() }
  }
  const testDatabase = await createPostgresDatabase()
  await migrate(testDatabase.database)
  return testDatabase
}

/**
 * A database of its own for one test file, migrated and seeded with the demo: a copy of the one the
 * global setup (test/globalSetup.ts) seeded once for the whole run.
 */
export async function createSeededTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const loadDataDir = new Blob([readFileSync(inject('seededPGlite'))])
    const database = await openDatabase({ pglite: await PGlite.create({ ...pgliteOptions, loadDataDir }) })
    return { database, url: undefined, close: () => database.close() }
  }
  return createPostgresDatabase(inject('seededPostgres'))
}

/** A new PostgreSQL database on the test server, empty or a copy of a template. */
async function createPostgresDatabase(template?: string): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `tandem_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  return {
    database,
    url: url.toString(),
    async close() {
      await database.close()
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      // The pool's connections end a moment after the pool says it has closed: wait for them to go,
      // since forcing them off would raise an error in a client no one listens to any more.
      for (let tries = 0; tries < 100; tries++) {
        const { rows } = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ])
        if (rows[0].n === 0) break
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
