import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.js'

export const migrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url))

export interface Migration {
  name: string
  sql: string
  checksum: string
}

/** The committed migrations, in the order their names sort (0001_…, 0002_…). */
export async function readMigrations(folder = migrationsFolder): Promise<Migration[]> {
  const names = (await readdir(folder)).filter(name => name.endsWith('.sql')).sort()
  return Promise.all(
    names.map(async name => {
      const sql = await readFile(`${folder}/${name}`, 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

/**
 * Applies each migration not yet applied, each in its own transaction together with its record in
 * schema_migration, so a failing migration leaves the database as it was. An advisory lock keeps two
 * servers starting at once from applying the same migration twice.
 */
export async function migrate(database: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations())
  await database.scripts.transaction(tx =>
    tx.exec(`create table if not exists schema_migration (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`),
  )
  const applied: string[] = []
  for (const migration of all) {
    const done = await database.scripts.transaction(async tx => {
      await tx.query('select pg_advisory_xact_lock(7220118)')
      const existing = await tx.query<{ checksum: string }>('select checksum from schema_migration where name = $1', [
        migration.name,
      ])
      if (existing[0]) {
        if (existing[0].checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead`)
        }
        return false
      }
      await tx.exec(migration.sql)
      await tx.query('insert into schema_migration (name, checksum) values ($1, $2)', [
        migration.name,
        migration.checksum,
      ])
      return true
    })
    if (done) applied.push(migration.name)
  }
  return applied
}
