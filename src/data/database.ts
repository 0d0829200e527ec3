import { mkdirSync } from 'node:fs'
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pgliteDialect.js'
import type { DB } from './schema.js'

export type Db = Kysely<DB>
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>

/** A raw connection for scripts that Kysely's one-statement queries cannot run (migrations). */
export interface ScriptRunner {
  /** Runs `work` in one transaction; `exec` runs a multi-statement script inside it. */
  transaction<T>(
    work: (tx: {
      exec(script: string): Promise<void>
      query<R>(text: string, params?: unknown[]): Promise<R[]>
    }) => Promise<T>,
  ): Promise<T>
}

export interface Database {
  kind: 'pglite' | 'postgres'
  db: Db
  scripts: ScriptRunner
  close(): Promise<void>
}

export type DatabaseOptions =
  | {
      databaseUrl: string | undefined
      dataDir: string
      /** Told when an idle pooled connection fails (the server restarted, an administrator ended it). */
      onIdleConnectionError?: (error: Error) => void
    }
  | { pglite: PGlite }

// Dates stay ISO strings (a date has no time zone); bigints are counts and identities that fit a number.
const DATE_OID = 1082
const INT8_OID = 20
const NUMERIC_OID = 1700
pg.types.setTypeParser(DATE_OID, value => value)
pg.types.setTypeParser(INT8_OID, value => Number(value))
pg.types.setTypeParser(NUMERIC_OID, value => Number(value))

const pgliteParsers = {
  [DATE_OID]: (value: string) => value,
  [INT8_OID]: (value: string) => Number(value),
  [NUMERIC_OID]: (value: string) => Number(value),
  [pgliteTypes.TIMESTAMPTZ]: (value: string) => new Date(value),
}

/** How every PGlite is opened: our type parsers and the extensions the migrations create (fuzzy name search). */
export const pgliteOptions = { parsers: pgliteParsers, extensions: { pg_trgm, fuzzystrmatch } }

/** Opens PostgreSQL: a real server when DATABASE_URL is set, otherwise embedded PGlite in the data folder. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('pglite' in options) return wrapPGlite(options.pglite)
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.onIdleConnectionError)
  mkdirSync(options.dataDir, { recursive: true })
  const client = await PGlite.create(options.dataDir, pgliteOptions)
  return wrapPGlite(client)
}

function wrapPGlite(client: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) })
  return {
    kind: 'pglite',
    db,
    scripts: {
      transaction: work =>
        client.transaction(tx =>
          work({
            exec: async script => {
              await tx.exec(script)
            },
            query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
          }),
        ),
    },
    close: () => db.destroy(),
  }
}

function openPostgres(
  connectionString: string,
  onIdleConnectionError: (error: Error) => void = () => undefined,
): Database {
  const pool = new pg.Pool({ connectionString, max: 10 })
  // An idle connection that dies is dropped from the pool and the next query opens a new one; unheard,
  // the error would end the process.
  pool.on('error', onIdleConnectionError)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    db,
    scripts: {
      async transaction(work) {
        const client = await pool.connect()
        try {
          await client.query('begin')
          const result = await work({
            exec: async script => {
              await client.query(script)
            },
            query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
          })
          await client.query('commit')
          return result
        } catch (error) {
          await client.query('rollback')
          throw error
        } finally {
          client.release()
        }
      },
    },
    close: () => db.destroy(),
  }
}
