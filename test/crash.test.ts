import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, pgliteOptions, type Database } from '../src/data/database.js'
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './database.js'

/** The real server in a child process, as `npm start` runs it, with its output collected line by line. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return {
    child,
    exited,
    output: () => output,
    waitFor(pattern: RegExp, timeoutMs = 60_000) {
      if (pattern.test(output)) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out waiting for ${pattern}; output:\n${output}`)),
          timeoutMs,
        )
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) })
      })
    },
  }
}

const children: ChildProcess[] = []
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function counts(database: Database) {
  const { db } = database
  const count = async (table: 'authority' | 'app_user' | 'area' | 'team' | 'person' | 'family') =>
    (
      await db
        .selectFrom(table)
        .select(eb => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n
  return {
    authorities: await count('authority'),
    areas: await count('area'),
    teams: await count('team'),
    users: await count('app_user'),
    people: await count('person'),
    families: await count('family'),
  }
}

const nothing = { authorities: 0, areas: 0, teams: 0, users: 0, people: 0, families: 0 }

describe('a server killed in the middle of a multi-row write leaves no partial record', () => {
  // Each database kind has its own way to stop a write half-way; the test project decides which runs.
  const onPGlite = testDatabaseKind() === 'pglite'
  const crashTest = (name: string, body: () => Promise<void>) => it(name, body, 180_000)

  if (onPGlite)
    crashTest('on embedded PGlite: SIGKILL while seeding the demo', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'tandem-crash-'))
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }))

      // The demo is seeded in one transaction; kill the server once the first authority's rows are written.
      const first = startServer({ DATA_DIR: dataDir })
      children.push(first.child)
      await first.waitFor(/Seeding the demo: Durham County Council/)
      first.child.kill('SIGKILL')
      await first.exited
      expect(first.output()).not.toContain('Tandem is running')

      const afterCrash = await openDatabase({ pglite: await PGlite.create(dataDir, pgliteOptions) })
      expect(await counts(afterCrash)).toEqual(nothing)
      await afterCrash.close()

      // Started again on the same folder, the server recovers and seeds the whole demo.
      const second = startServer({ DATA_DIR: dataDir })
      children.push(second.child)
      await second.waitFor(/Tandem is running/)
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
      const recovered = await openDatabase({ pglite: await PGlite.create(dataDir, pgliteOptions) })
      const afterRestart = await counts(recovered)
      await recovered.close()
      expect(afterRestart.authorities).toBe(3)
      expect(afterRestart.users).toBe(30)
    })

  if (!onPGlite)
    crashTest('on PostgreSQL: SIGKILL while the write waits inside its transaction', async () => {
      const testDatabase: TestDatabase = await createTestDatabase('postgres')
      cleanups.push(() => testDatabase.close())
      const url = testDatabase.url!

      // Hold a lock on app_user so the seeding transaction stops half-way: authority, areas and teams
      // written, the users not yet. Then kill the server while its transaction is open.
      const blocker = new pg.Client({ connectionString: url })
      blocker.on('error', () => undefined)
      await blocker.connect()
      cleanups.push(() => blocker.end())
      const blockerPid = (await blocker.query('select pg_backend_pid() as pid')).rows[0].pid as number
      await blocker.query('begin')
      await blocker.query('lock table app_user in access exclusive mode')

      // A second connection watches: statistics views are a snapshot for the length of a transaction.
      const monitor = new pg.Client({ connectionString: url })
      monitor.on('error', () => undefined)
      await monitor.connect()
      cleanups.push(() => monitor.end())

      const server = startServer({ DATABASE_URL: url })
      children.push(server.child)
      const database = new URL(url).pathname.slice(1)
      const waitingOnLock = async () =>
        (
          await monitor.query(
            `select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
            [database],
          )
        ).rows[0].n > 0
      const deadline = Date.now() + 60_000
      while (!(await waitingOnLock())) {
        if (Date.now() > deadline) throw new Error(`The server never reached the locked write:\n${server.output()}`)
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      // The authority row is written inside the open transaction, invisible to everyone else.
      server.child.kill('SIGKILL')
      await server.exited
      await blocker.query('rollback')

      // PostgreSQL notices the dead client and rolls its transaction back.
      while (
        (
          await monitor.query(
            `select count(*)::int as n from pg_stat_activity
             where datname = $1 and pid not in (pg_backend_pid(), $2) and backend_type = 'client backend'`,
            [database, blockerPid],
          )
        ).rows[0].n > 0
      ) {
        if (Date.now() > deadline) throw new Error('The killed server’s connection never closed')
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      expect(await counts(testDatabase.database)).toEqual(nothing)
    })
})
