import { performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase, pgliteParsers } from '../src/data/database.js'
import { migrate } from '../src/data/migrate.js'
import { FixedClock } from '../src/lib/clock.js'
import { createServices } from '../src/services/index.js'
import { Agent } from '../test/agent.js'
import { generateFamilies } from './generate.js'

/**
 * `npm run bench`: the foundation's costs, as ratios measured in one run (the machines are shared and
 * noisy, so absolute times mean little). BENCH_FAMILIES sets the scale (default 20,000 families,
 * 80,000 people, in Derby). Run against a real server with DATABASE_URL pointing at an empty database.
 */
const families = Number(process.env.BENCH_FAMILIES ?? 20_000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 30)

async function time(label: string, run: () => Promise<unknown>) {
  await run()
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]!
  console.log(`  ${label.padEnd(62)} median ${median.toFixed(2).padStart(8)} ms`)
  return median
}

const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' })
const database = config.databaseUrl
  ? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' })
  : await openDatabase({ pglite: await PGlite.create({ parsers: pgliteParsers }) })
await migrate(database)
const clock = new FixedClock(new Date())
const services = createServices({ database, clock, config })
await services.demo.seedIfEmpty()
const { db } = database
const derby = await db.selectFrom('authority').selectAll().where('slug', '=', 'derby').executeTakeFirstOrThrow()
const admin = await db
  .selectFrom('app_user')
  .selectAll()
  .where('email', '=', 'admin@derby.tandem.example')
  .executeTakeFirstOrThrow()
const practitioner = await db
  .selectFrom('app_user')
  .selectAll()
  .where('email', '=', 'practitioner@derby.tandem.example')
  .executeTakeFirstOrThrow()

const generateStart = performance.now()
await generateFamilies(db, derby.authority_id, families, admin.user_id)
console.log(
  `Tandem foundation benchmark on ${database.kind}: ${families} families, ${families * 4} people generated in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`,
)

const ctx = {
  actor: {
    userId: practitioner.user_id,
    authorityId: derby.authority_id,
    role: practitioner.role,
    teamId: practitioner.team_id,
    areaId: practitioner.area_id,
  },
  ip: null,
  requestId: null,
  route: null,
}

console.log('\nA practitioner’s first page of families (50), through the policy scope:')
const handWritten = await time('the same two queries by hand (page with names and sizes, count)', async () => {
  await sql`select f.family_id, f.name, f.updated_at, t.name as team_name, a.name as area_name,
      (select count(*) from family_member m where m.authority_id = f.authority_id and m.family_id = f.family_id and m.left_on is null) as members
    from family f
    left join team t on t.authority_id = f.authority_id and t.team_id = f.team_id
    left join area a on a.authority_id = f.authority_id and a.area_id = f.area_id
    where f.authority_id = ${derby.authority_id} and f.team_id = ${practitioner.team_id}
    order by f.name, f.family_id limit 50`.execute(db)
  await sql`select count(*) from family f where f.authority_id = ${derby.authority_id} and f.team_id = ${practitioner.team_id}`.execute(
    db,
  )
})
const scoped = await time('services.records.listFamilies (scope + count)', () =>
  services.records.listFamilies(ctx, { page: 1, pageSize: 50 }),
)

const app = await buildApp({ config, services, clock, secret: 'a-bench-secret-that-is-long-enough-to-sign' })
await app.ready()
const agent = new Agent(app)
await agent.signIn('practitioner@derby.tandem.example')
const page = await time('GET /families over HTTP (session, policy, render)', () => agent.get('/families'))
const family = await db
  .selectFrom('family')
  .select('family_id')
  .where('team_id', '=', practitioner.team_id)
  .limit(1)
  .executeTakeFirstOrThrow()
const familyPage = await time('GET /families/:id over HTTP (authorise + access log write)', () =>
  agent.get(`/families/${family.family_id}`),
)
const health = await time('GET /health over HTTP (one round trip to the database)', () => agent.get('/health'))

console.log('\nRatios (same run):')
console.log(`  scoped list / hand-written SQL        ${(scoped / handWritten).toFixed(2)}×`)
console.log(`  families page / scoped list           ${(page / scoped).toFixed(2)}×`)
console.log(`  family page / health check            ${(familyPage / health).toFixed(2)}×`)

await app.close()
await database.close()
