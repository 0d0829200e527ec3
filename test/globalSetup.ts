import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../src/config.js'
import { openDatabase, pgliteOptions, type Database } from '../src/data/database.js'
import { migrate } from '../src/data/migrate.js'
import { FixedClock } from '../src/lib/clock.js'
import { createServices } from '../src/services/index.js'
import { TEST_START } from './app.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a PGlite data directory, migrated and seeded with the demo, for test files to start from. */
    seededPGlite: string
    /** A PostgreSQL database, migrated and seeded with the demo, that test files copy as their template. */
    seededPostgres: string
  }
}

/** Migrates and seeds the demo exactly as a test app on an empty database would. */
async function migrateAndSeed(database: Database) {
  await migrate(database)
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  await createServices({ database, clock: new FixedClock(TEST_START), config }).demo.seedIfEmpty()
}

/**
 * Migrating and seeding take seconds on PGlite; once for the whole run, each test file then starts
 * from a copy: PGlite loads the dumped data directory, PostgreSQL creates its database from a template.
 */
export default async function setup(project: TestProject) {
  if (project.name === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
    const name = `tandem_seeded_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
    await migrateAndSeed(database)
    await database.close()
    project.provide('seededPostgres', name)
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  const pglite = await PGlite.create(pgliteOptions)
  const database = await openDatabase({ pglite })
  await migrateAndSeed(database)
  const dump = await pglite.dumpDataDir('none')
  await database.close()
  const folder = mkdtempSync(join(tmpdir(), 'tandem-test-'))
  const file = join(folder, 'seeded.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('seededPGlite', file)
  return () => rmSync(folder, { recursive: true, force: true })
}
