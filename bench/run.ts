import { performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, createQueryId, sql, type KyselyPlugin, type RawBuilder, type RootOperationNode } from 'kysely'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase, pgliteOptions } from '../src/data/database.js'
import { searchPeople } from '../src/data/people.js'
import { migrate } from '../src/data/migrate.js'
import { FixedClock } from '../src/lib/clock.js'
import { todayIn } from '../src/lib/dates.js'
import { normaliseName } from '../src/lib/names.js'
import { scopes, type Actor } from '../src/policies/index.js'
import { createServices } from '../src/services/index.js'
import { Agent } from '../test/agent.js'
import { generateFamilies } from './generate.js'

/**
 * `npm run bench`: the foundation's costs and the people search's, as ratios measured in one run (the
 * machines are shared and noisy, so absolute times mean little; the search's medians are printed too,
 * since its criterion is absolute: well under a second over 100,000 people). BENCH_PEOPLE sets the
 * scale (default 100,000 people in Derby, in families of four); BENCH_FAMILIES, if set, wins over it.
 * BENCH_ROUNDS sets the samples per figure (default 30); BENCH_EXPLAIN=1 prints the fuzzy search's
 * plans in full. Run against a real server with DATABASE_URL pointing at an empty database.
 */
const families = Number(process.env.BENCH_FAMILIES ?? Math.ceil(Number(process.env.BENCH_PEOPLE ?? 100_000) / 4))
const rounds = Number(process.env.BENCH_ROUNDS ?? 30)
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

async function time(label: string, run: () => Promise<unknown>) {
  await run()
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  const result = median(samples)
  console.log(`  ${label.padEnd(62)} median ${result.toFixed(2).padStart(8)} ms`)
  return result
}

/**
 * Medians of ways of doing the same work, run in turn in each round (each first in its turn) so all see
 * the same noise: the floor, what is measured and, optionally, a part of what is measured.
 */
async function compare(
  label: string,
  floor: () => Promise<unknown>,
  measured: () => Promise<unknown>,
  part?: { label: string; run: () => Promise<unknown> },
  floorLabel = 'hand SQL',
) {
  const runs = [floor, measured, ...(part ? [part.run] : [])]
  const samples = runs.map((): number[] => [])
  for (const run of runs) await run()
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < runs.length; turn++) {
      const which = (round + turn) % runs.length
      const start = performance.now()
      await runs[which]!()
      samples[which]!.push(performance.now() - start)
    }
  }
  const [floorMedian, measuredMedian, partMedian] = samples.map(median)
  const result = { label, floor: floorMedian!, measured: measuredMedian!, part: partMedian }
  const ms = (value: number) => `${value.toFixed(2)} ms`
  console.log(`  ${label}`)
  console.log(
    `    median ${ms(result.measured)}, ${floorLabel} ${ms(result.floor)}: ${(result.measured / result.floor).toFixed(2)}×` +
      (part && partMedian !== undefined
        ? `; ${part.label} ${ms(partMedian)}: ${(partMedian / result.floor).toFixed(2)}×`
        : ''),
  )
  return result
}

const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' })
const database = config.databaseUrl
  ? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' })
  : await openDatabase({ pglite: await PGlite.create(pgliteOptions) })
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
const generated = await generateFamilies(db, derby.authority_id, families, admin.user_id, { today: clock.now() })
console.log(
  `Tandem benchmark on ${database.kind}: ${generated.families} families, ${generated.people} people ` +
    `(${generated.withNhsNumber} with an NHS number, ${generated.withUpn} with a UPN, ${generated.addresses} addresses) ` +
    `generated in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`,
)

const contextOf = (user: typeof practitioner) => ({
  actor: {
    userId: user.user_id,
    authorityId: derby.authority_id,
    role: user.role,
    teamId: user.team_id,
    areaId: user.area_id,
  },
  ip: null,
  requestId: null,
  route: null,
})
const ctx = contextOf(practitioner)

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

// People search (issue 6) -------------------------------------------------------------------------

const headOfService = await db
  .selectFrom('app_user')
  .selectAll()
  .where('email', '=', 'head-of-service@derby.tandem.example')
  .executeTakeFirstOrThrow()

// Someone the practitioner can see, with the commonest surname, an NHS number and a current postcode.
const { family_name: commonest } = await db
  .selectFrom('person')
  .select('family_name')
  .where('authority_id', '=', derby.authority_id)
  .groupBy('family_name')
  .orderBy(eb => eb.fn.countAll(), 'desc')
  .orderBy('family_name')
  .limit(1)
  .executeTakeFirstOrThrow()
const target = await db
  .selectFrom('person as p')
  .innerJoin('family_member as m', join =>
    join.onRef('m.authority_id', '=', 'p.authority_id').onRef('m.person_id', '=', 'p.person_id'),
  )
  .innerJoin('family as f', join =>
    join.onRef('f.authority_id', '=', 'm.authority_id').onRef('f.family_id', '=', 'm.family_id'),
  )
  .innerJoin('person_address as a', join =>
    join.onRef('a.authority_id', '=', 'p.authority_id').onRef('a.person_id', '=', 'p.person_id'),
  )
  .select(['p.person_id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.nhs_number', 'a.postcode'])
  .where('p.authority_id', '=', derby.authority_id)
  .where('f.team_id', '=', practitioner.team_id)
  .where('a.moved_out', 'is', null)
  .where('p.family_name', '=', commonest)
  .where('p.nhs_number', 'is not', null)
  .where(sql<boolean>`p.given_name ~ '^[A-Za-z]{4,}$'`)
  .orderBy('p.person_id')
  .limit(1)
  .executeTakeFirstOrThrow()

/** A typist's slip: the given name loses its middle letter (John, Jon); the surname's first vowel after the first letter changes (Smith, Smyth). */
function misspell(given: string, family: string) {
  const slips: Record<string, string> = { a: 'e', e: 'a', i: 'y', y: 'i', o: 'u', u: 'o' }
  const middle = Math.floor(given.length / 2)
  const vowel = family.slice(1).search(/[aeiouy]/i) + 1
  const slipped =
    vowel > 0 ? family.slice(0, vowel) + slips[family[vowel]!.toLowerCase()] + family.slice(vowel + 1) : family
  return `${given.slice(0, middle)}${given.slice(middle + 1)} ${slipped}`.toLowerCase()
}
const typed = misspell(target.given_name, target.family_name)
const nhsNumber = target.nhs_number!
const dateOfBirth = target.date_of_birth!
const postcode = target.postcode

/** The scope's rows, hand-written: the actor's team's (or area's) current members, nothing generic. */
function handScope(actor: Actor): RawBuilder<unknown> {
  if (actor.role === 'practitioner' || actor.role === 'team_manager') return sql`f.team_id = ${actor.teamId}`
  if (actor.role === 'head_of_service' && actor.areaId) return sql`f.area_id = ${actor.areaId}`
  if (actor.role === 'head_of_service') return sql`true`
  throw new Error(`No hand-written scope for ${actor.role}`)
}

interface Criterion {
  label: string
  criteria: { name?: string; dateOfBirth?: string; nhsNumber?: string; postcode?: string }
  where: RawBuilder<unknown>
  orderFirst: RawBuilder<unknown>
}
const normalised = normaliseName(typed)
const criteria: Criterion[] = [
  {
    label: `fuzzy name "${typed}" (for ${target.given_name} ${target.family_name})`,
    criteria: { name: typed },
    where: sql`(p.search_name % ${normalised} or dmetaphone(p.family_name) = dmetaphone(${normalised.split(' ').at(-1)}))`,
    orderFirst: sql`similarity(p.search_name, ${normalised}) desc,`,
  },
  {
    label: `date of birth ${dateOfBirth}`,
    criteria: { dateOfBirth },
    where: sql`p.date_of_birth = ${dateOfBirth}`,
    orderFirst: sql``,
  },
  {
    label: `NHS number ${nhsNumber}`,
    criteria: { nhsNumber },
    where: sql`p.nhs_number = ${nhsNumber}`,
    orderFirst: sql``,
  },
  {
    label: `postcode ${postcode}`,
    criteria: { postcode },
    where: sql`exists (select 1 from person_address a where a.authority_id = p.authority_id
      and a.person_id = p.person_id and a.postcode = ${postcode})`,
    orderFirst: sql``,
  },
]
const searchPage = { page: 1, pageSize: 20 }

/** The floor: the same rows, total and order as the service's search, by hand with no policy machinery. */
async function handSearch(actor: Actor, criterion: Criterion) {
  const { rows } = await sql<{ person_id: string; total: number }>`
    select p.person_id, p.given_name, p.family_name, p.date_of_birth, p.expected_date, p.nhs_number, p.upn,
      (select a.postcode from person_address a
        where a.authority_id = p.authority_id and a.person_id = p.person_id and a.moved_out is null
        order by a.moved_in desc nulls last limit 1) as postcode,
      count(*) over () as total
    from person p
    where p.authority_id = ${actor.authorityId} and p.merged_into is null
      and p.person_id in (select m.person_id from family_member m
        join family f on f.authority_id = m.authority_id and f.family_id = m.family_id
        where m.authority_id = ${actor.authorityId} and m.left_on is null and ${handScope(actor)})
      and ${criterion.where}
    order by ${criterion.orderFirst} p.family_name, p.given_name, p.person_id
    limit ${searchPage.pageSize}`.execute(db)
  return rows
}

console.log(
  `\nPeople search over ${generated.people} people (first page of ${searchPage.pageSize}, with the total), ` +
    'services.records.search against the same rows by hand-written SQL:',
)
const searchResults: { label: string; floor: number; measured: number; part?: number | undefined }[] = []
for (const user of [practitioner, headOfService]) {
  const searchCtx = contextOf(user)
  const { total: visible } = await db
    .selectFrom('person')
    .select(eb => eb.fn.countAll<number>().as('total'))
    .where('person.authority_id', '=', derby.authority_id)
    .where(scopes.visiblePeople(searchCtx.actor))
    .executeTakeFirstOrThrow()
  console.log(` As ${user.display_name}, ${user.role.replace(/_/g, ' ')} (${visible} people in scope):`)
  for (const criterion of criteria) {
    // Both must find the same people in the same order, or the comparison means nothing.
    const found = await services.records.search(searchCtx, criterion.criteria, searchPage)
    const floorRows = await handSearch(searchCtx.actor, criterion)
    const same =
      found.total === (floorRows[0]?.total ?? 0) &&
      JSON.stringify(found.rows.map(row => row.person_id)) === JSON.stringify(floorRows.map(row => row.person_id))
    if (!same) {
      console.log(`  MISMATCH for ${criterion.label}: search found ${found.total}, hand SQL ${floorRows[0]?.total}`)
      process.exitCode = 1
    }
    const rank = found.rows.findIndex(row => row.person_id === target.person_id)
    const result = await compare(
      `${criterion.label} (${found.total} found${rank >= 0 ? `, target #${rank + 1}` : ''})`,
      () => handSearch(searchCtx.actor, criterion),
      () => services.records.search(searchCtx, criterion.criteria, searchPage),
      {
        label: 'searchPeople with the scope, no access log',
        run: () =>
          searchPeople(
            db,
            searchCtx.actor.authorityId,
            scopes.visiblePeople(searchCtx.actor),
            { ...criterion.criteria, name: criterion.criteria.name && normaliseName(criterion.criteria.name) },
            { limit: searchPage.pageSize, offset: 0 },
          ),
      },
    )
    searchResults.push({ ...result, label: `${user.role.replace(/_/g, ' ')}: ${criterion.label.split(' (')[0]}` })
  }
}

const searchRoute = app.routeCatalogue.some(route => route.method === 'GET' && route.url === '/search')
let searchPageResult: { floor: number; measured: number } | undefined
if (searchRoute) {
  const url = `/search?name=${encodeURIComponent(typed)}`
  const response = await agent.get(url)
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}`)
  console.log(` Over HTTP as ${practitioner.display_name}:`)
  searchPageResult = await compare(
    `GET /search?name=${typed} (session, policy, render)`,
    () => handSearch(ctx.actor, criteria[0]!),
    () => agent.get(url),
  )
} else {
  console.log(' GET /search: no such route yet, so no HTTP figure.')
}

// The fuzzy name query exactly as the data layer writes it, captured and explained.
class Capture implements KyselyPlugin {
  node: RootOperationNode | undefined
  transformQuery(args: { node: RootOperationNode }) {
    this.node = args.node
    return args.node
  }
  async transformResult<R>(args: { result: R }) {
    return args.result
  }
}
console.log('\nThe fuzzy name search’s plan (EXPLAIN ANALYZE of the query searchPeople runs):')
for (const user of [practitioner, headOfService]) {
  const capture = new Capture()
  const actor = contextOf(user).actor
  await searchPeople(
    db.withPlugin(capture),
    actor.authorityId,
    scopes.visiblePeople(actor),
    { name: normalised },
    {
      limit: searchPage.pageSize,
      offset: 0,
    },
  )
  const compiled = db.getExecutor().compileQuery(capture.node!, createQueryId())
  const { rows } = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
  )
  const plan = rows.map(row => Object.values(row)[0]!)
  const uses = (index: string) => plan.some(line => line.includes(index))
  const executed = plan.find(line => line.includes('Execution Time'))?.trim()
  console.log(
    `  ${user.role.replace(/_/g, ' ')}: person_search_name_trgm_idx ${uses('person_search_name_trgm_idx') ? 'used' : 'NOT used'}, ` +
      `person_family_name_sound_idx ${uses('person_family_name_sound_idx') ? 'used' : 'not used'}; ${executed}`,
  )
  if (process.env.BENCH_EXPLAIN) console.log(plan.map(line => `    ${line}`).join('\n'))
}

console.log(
  '\nSearch summary (same run): median of services.records.search; its ratio to hand-written SQL for the same rows ' +
    'with no policy; and the ratio of searchPeople with the policy scope but no access log write:',
)
for (const result of searchResults) {
  console.log(
    `  ${result.label.padEnd(44)} ${result.measured.toFixed(1).padStart(7)} ms  ` +
      `search / hand SQL ${(result.measured / result.floor).toFixed(2)}×` +
      (result.part === undefined ? '' : `  scoped query / hand SQL ${(result.part / result.floor).toFixed(2)}×`),
  )
}
if (searchPageResult) {
  console.log(
    `  ${'GET /search?name= (HTTP, practitioner)'.padEnd(44)} ${searchPageResult.measured.toFixed(1).padStart(7)} ms  ` +
      `search page / hand SQL ${(searchPageResult.measured / searchPageResult.floor).toFixed(2)}×`,
  )
}
const slowest = searchResults.reduce((a, b) => (b.measured > a.measured ? b : a))
console.log(
  `\nSlowest search median: ${slowest.measured.toFixed(1)} ms (${slowest.label}) over ${generated.people} people on ${database.kind}.`,
)

// The front door (issue 7) ----------------------------------------------------------------------

// A year of requests at the generated families' scale (one for every two families), nearly all decided,
// some still waiting: the queue and the year's figures against the same answers by hand-written SQL.
const frontDoorUser = await db
  .selectFrom('app_user')
  .selectAll()
  .where('email', '=', 'front-door@derby.tandem.example')
  .executeTakeFirstOrThrow()
const requestCount = Math.max(1000, Math.floor(generated.families / 2))
const today = todayIn(clock.now())
const requestsStart = performance.now()
await sql`
  insert into support_request (authority_id, kind, family_id, area_id, received_on, requester_kind, requester_user_id,
    requester_name, requester_agency, urgency, concerns, worries, family_knows, consent, safeguarding_concern,
    status, submitted_at, submitted_by, updated_at)
  select f.authority_id, 'request', f.family_id, f.area_id, ${today}::date - (n % 365)::int, 'staff', ${frontDoorUser.user_id},
    'Bench requester', 'School or college', case when n % 10 = 0 then 'urgent' else 'routine' end,
    array['neglect'], 'Generated for the benchmark', 'The family knows', 'given', false,
    case when n % 40 = 0 then 'awaiting_decision' when n % 3 = 0 then 'at_panel' else 'closed' end,
    now(), ${frontDoorUser.user_id}, now()
  from (select family_id, area_id, authority_id, row_number() over (order by family_id) as n
        from family where authority_id = ${derby.authority_id}) f
  where n <= ${requestCount}`.execute(db)
await sql`
  insert into request_subject (authority_id, request_id, position, given_name, family_name, member_role)
  select authority_id, request_id, 0, 'Bench', 'Child', 'child' from support_request
  where authority_id = ${derby.authority_id} and requester_name = 'Bench requester'`.execute(db)
await sql`
  insert into front_door_decision (authority_id, request_id, outcome, route, reason, decided_on,
    working_days_to_decision, decided_at, decided_by)
  select authority_id, request_id, case when status = 'at_panel' then 'vulnerable-childrens-meeting' else 'signpost' end,
    case when status = 'at_panel' then 'panel' else 'signpost' end, 'Generated', received_on + 1,
    1 + (extract(day from received_on)::int % 4), now(), ${frontDoorUser.user_id}
  from support_request where authority_id = ${derby.authority_id} and requester_name = 'Bench requester'
    and status <> 'awaiting_decision'`.execute(db)
await sql`analyze`.execute(db)
console.log(
  `\nThe front door over ${requestCount} generated requests ` +
    `(generated in ${((performance.now() - requestsStart) / 1000).toFixed(1)} s):`,
)
const frontDoorCtx = contextOf(frontDoorUser)
const handQueue = () =>
  sql`select r.request_id, r.received_on, r.urgency, r.status, a.name,
      (select string_agg(s.given_name || ' ' || s.family_name, ', ' order by s.position) from request_subject s
        where s.authority_id = r.authority_id and s.request_id = r.request_id) as subjects
    from support_request r left join area a on a.authority_id = r.authority_id and a.area_id = r.area_id
    where r.authority_id = ${derby.authority_id} and r.status in ('awaiting_decision', 'awaiting_information')
    order by r.received_on, r.submitted_at`.execute(db)
const queue = await services.requests.queue(frontDoorCtx, { areaId: null, urgency: null })
const handRows = (await handQueue()).rows
if (queue.requests.length !== handRows.length) {
  console.log(`  MISMATCH: the queue has ${queue.requests.length}, hand SQL ${handRows.length}`)
  process.exitCode = 1
}
const queueResult = await compare(
  `services.requests.queue (${queue.requests.length} waiting, ${queue.overdue} overdue)`,
  handQueue,
  () => services.requests.queue(frontDoorCtx, { areaId: null, urgency: null }),
)
const yearStart = `${today.slice(0, 4)}-01-01`
const handFigures = () =>
  sql`with standing as (
      select distinct on (d.request_id) d.outcome, d.working_days_to_decision
      from front_door_decision d join support_request r on r.authority_id = d.authority_id and r.request_id = d.request_id
      where d.authority_id = ${derby.authority_id} and r.received_on between ${yearStart} and ${today}
      order by d.request_id, d.decided_at desc)
    select (select count(*) from support_request where authority_id = ${derby.authority_id}
        and received_on between ${yearStart} and ${today}) as received,
      (select json_object_agg(outcome, n) from (select outcome, count(*) as n from standing group by outcome) o) as by_outcome,
      (select avg(working_days_to_decision) from standing) as average,
      (select count(*) from episode e join support_request r on r.authority_id = e.authority_id and r.request_id = e.request_id
        where e.authority_id = ${derby.authority_id} and r.received_on between ${yearStart} and ${today}) as episodes`.execute(
    db,
  )
const figures = await services.requests.figures(frontDoorCtx, { from: yearStart, to: today })
const handFigure = (await handFigures()).rows[0] as { received: number | string }
if (Number(handFigure.received) !== figures.received) {
  console.log(`  MISMATCH: figures received ${figures.received}, hand SQL ${handFigure.received}`)
  process.exitCode = 1
}
const figuresResult = await compare(
  `services.requests.figures for the year so far (${figures.received} received)`,
  handFigures,
  () => services.requests.figures(frontDoorCtx, { from: yearStart, to: today }),
)
const frontDoorAgent = new Agent(app)
await frontDoorAgent.signIn('front-door@derby.tandem.example')
const queuePage = await compare('GET /front-door over HTTP (session, policy, render)', handQueue, () =>
  frontDoorAgent.get('/front-door'),
)
console.log('\nFront door ratios (same run):')
console.log(`  queue / hand SQL                      ${(queueResult.measured / queueResult.floor).toFixed(2)}×`)
console.log(`  figures / hand SQL                    ${(figuresResult.measured / figuresResult.floor).toFixed(2)}×`)
console.log(`  front door page / hand SQL            ${(queuePage.measured / queuePage.floor).toFixed(2)}×`)

// The case page (issue 8) -------------------------------------------------------------------------

// The demo's worked case (src/services/demoCase.ts): twelve weeks of agreement, tool, assessment, TAF, plan,
// sessions, a programme and oversight, gathered from every part of the case's work on one page.
const workedCase = await db
  .selectFrom('episode as e')
  .innerJoin('family as f', join =>
    join.onRef('f.authority_id', '=', 'e.authority_id').onRef('f.family_id', '=', 'e.family_id'),
  )
  .select('e.episode_id')
  .where('e.authority_id', '=', derby.authority_id)
  .where('f.name', '=', 'Coulson')
  .executeTakeFirstOrThrow()
const caseResponse = await agent.get(`/episodes/${workedCase.episode_id}`)
if (caseResponse.statusCode !== 200 || !caseResponse.body.includes('Where the case is')) {
  console.log(`  MISMATCH: the case page answered ${caseResponse.statusCode}`)
  process.exitCode = 1
}
console.log('\nThe case page of a worked case (Derby demo, twelve weeks in):')
const casePage = await compare(
  'GET /episodes/:id over HTTP (authorise, gather the case, access log, render)',
  () => agent.get('/health'),
  () => agent.get(`/episodes/${workedCase.episode_id}`),
  {
    label: 'services.cases.view alone',
    run: () => services.cases.view(ctx, workedCase.episode_id),
  },
  'GET /health',
)
console.log('\nCase page ratios (same run):')
console.log(`  case page / health check              ${(casePage.measured / casePage.floor).toFixed(2)}×`)
console.log(`  case page / family page (earlier)     ${(casePage.measured / familyPage).toFixed(2)}×`)

await app.close()
await database.close()
