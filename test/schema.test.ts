import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../src/data/migrate.js'
import { createTestDatabase, type TestDatabase } from './database.js'

/**
 * Tables that are not distributed by authority: in a Citus deployment they are reference tables,
 * copied to every node. Each needs a reason; anything else must keep authority_id in every key.
 */
const referenceTables: Record<string, string> = {
  authority: 'the tenants themselves; its primary key is authority_id, its slug is unique across tenants',
  sign_in_directory: 'one email signs in to one authority: looked up before the authority is known',
  sign_in_attempt: 'throttling by address counts attempts before the authority is known',
  schema_migration: 'the migrations applied: one list for the whole database',
}

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.database.db)
  return rows.map(row => row.table_name)
}

describe('the schema can be distributed by authority', () => {
  it('gives every table an authority_id column', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select t.table_name from information_schema.tables t
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and not exists (select 1 from information_schema.columns c
          where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'authority_id')`.execute(
      t.database.db,
    )
    expect(rows.map(row => row.table_name).filter(name => name !== 'schema_migration')).toEqual([])
    expect((await tables()).length).toBeGreaterThan(10)
  })

  it('includes authority_id in every primary key, unique constraint and unique index of a distributed table', async () => {
    const { rows } = await sql<{ table_name: string; index_name: string; columns: string[] }>`
      select c.relname as table_name, i.relname as index_name,
        array(select a.attname from unnest(x.indkey) k join pg_attribute a on a.attrelid = c.oid and a.attnum = k)::text[] as columns
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and (x.indisunique or x.indisprimary)`.execute(t.database.db)
    const keys = rows.filter(row => !(row.table_name in referenceTables))
    expect(keys.length).toBeGreaterThan(10)
    const withoutAuthority = keys.filter(row => !row.columns.includes('authority_id'))
    expect(withoutAuthority).toEqual([])
  })

  it('lists only tables that exist as reference tables', async () => {
    const existing = await tables()
    for (const table of Object.keys(referenceTables)) expect(existing).toContain(table)
  })
})

describe('migrations', () => {
  it('records each migration once and applies nothing the second time', async () => {
    const applied = await t.database.db.selectFrom('schema_migration').select('name').orderBy('name').execute()
    const files = await readMigrations()
    expect(applied.map(row => row.name)).toEqual(files.map(file => file.name))
    expect(await migrate(t.database)).toEqual([])
  })

  it('leaves the database as it was when a migration fails part-way', async () => {
    const failing = {
      name: '9999_half_done.sql',
      sql: `create table half_done (authority_id uuid primary key);
            insert into half_done values (gen_random_uuid());
            select this_function_does_not_exist();`,
      checksum: 'x',
    }
    await expect(migrate(t.database, [...(await readMigrations()), failing])).rejects.toThrow()
    expect(await tables()).not.toContain('half_done')
    const recorded = await t.database.db
      .selectFrom('schema_migration')
      .select('name')
      .where('name', '=', failing.name)
      .execute()
    expect(recorded).toEqual([])
  })

  it('refuses to run when an applied migration was edited', async () => {
    const files = await readMigrations()
    const edited = files.map((file, index) => (index === 0 ? { ...file, checksum: 'edited' } : file))
    await expect(migrate(t.database, edited)).rejects.toThrow(/was changed after it was applied/)
  })
})
