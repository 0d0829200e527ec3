import { randomUUID } from 'node:crypto'
import type { Db } from '../src/data/database.js'
import { roles, type Role } from '../src/data/schema.js'
import { signedIn, type Agent } from './agent.js'
import { demoEmail, type TestApp } from './app.js'

export type AuthoritySlug = 'derby' | 'durham' | 'leeds'

/** Records of the seeded demo a test can point at, found by name rather than by id. */
export async function demoRecords(db: Db, slug: AuthoritySlug) {
  const authority = await db.selectFrom('authority').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const families = await db
    .selectFrom('family')
    .select(['family_id', 'name', 'team_id', 'area_id'])
    .where('authority_id', '=', authority.authority_id)
    .orderBy('name')
    .execute()
  const people = await db
    .selectFrom('person')
    .innerJoin('family_member', join =>
      join
        .onRef('family_member.authority_id', '=', 'person.authority_id')
        .onRef('family_member.person_id', '=', 'person.person_id'),
    )
    .select(['person.person_id', 'person.given_name', 'person.family_name', 'family_member.family_id'])
    .where('person.authority_id', '=', authority.authority_id)
    .execute()
  const users = await db
    .selectFrom('app_user')
    .select(['user_id', 'email', 'role', 'team_id', 'area_id', 'display_name'])
    .where('authority_id', '=', authority.authority_id)
    .execute()
  const teams = await db
    .selectFrom('team')
    .selectAll()
    .where('authority_id', '=', authority.authority_id)
    .orderBy('name')
    .execute()
  const practitioner = users.find(user => user.email === `practitioner@${slug}.tandem.example`)!
  const restrictedIds = new Set(
    (
      await db
        .selectFrom('restriction')
        .select('record_id')
        .where('authority_id', '=', authority.authority_id)
        .where('lifted_at', 'is', null)
        .execute()
    ).map(row => row.record_id),
  )
  const ownTeamFamilies = families.filter(
    family => family.team_id === practitioner.team_id && !restrictedIds.has(family.family_id),
  )
  const otherTeamFamilies = families.filter(family => family.team_id !== practitioner.team_id)
  const partner = users.find(user => user.role === 'partner')!
  const partnerFamilyIds = (
    await db
      .selectFrom('family_professional')
      .select('family_id')
      .where('authority_id', '=', authority.authority_id)
      .where('user_id', '=', partner.user_id)
      .execute()
  ).map(row => row.family_id)
  return {
    authority,
    families,
    people,
    users,
    teams,
    ownTeamFamily: ownTeamFamilies[0]!,
    /** The demo's restricted family: in the practitioner's team, open only to the team manager. */
    restrictedFamily: families.find(family => restrictedIds.has(family.family_id))!,
    otherTeamFamily: otherTeamFamilies[0]!,
    partnerFamily: families.find(family => partnerFamilyIds.includes(family.family_id))!,
    personIn: (familyId: string) => people.find(person => person.family_id === familyId)!,
    user: (email: string) => users.find(user => user.email === email)!,
  }
}

/** A personal API token for the demo user with this email, as if they had made it under Your account. */
export async function apiTokenFor(t: TestApp, email: string, name = 'Test system') {
  const user = await t.testDatabase.database.db
    .selectFrom('app_user')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  const ctx = {
    actor: {
      userId: user.user_id,
      authorityId: user.authority_id,
      role: user.role,
      teamId: user.team_id,
      areaId: user.area_id,
    },
    ip: null,
    requestId: null,
    route: null,
  }
  return t.services.apiTokens.create(ctx, { name, expiresInDays: 30 })
}

/** Every role of one authority, each signed in (for pages) and holding an API token (for the API). */
export async function everyRoleOf(t: TestApp, slug: AuthoritySlug) {
  const agents = new Map<Role, Agent>()
  const tokens = new Map<Role, string>()
  for (const role of roles) {
    const email = demoEmail(role, slug)
    agents.set(role, await signedIn(t.app, email))
    tokens.set(role, (await apiTokenFor(t, email)).token)
  }
  return { agents, tokens }
}

/**
 * The demo's request, panel meeting and episode of a family: its request (made by the partner) went to
 * the panel of its area, which opened the episode.
 */
export async function frontDoorRecords(t: TestApp, familyId: string) {
  const db = t.testDatabase.database.db
  const episode = await db
    .selectFrom('episode')
    .select(['episode_id', 'request_id', 'authority_id'])
    .where('family_id', '=', familyId)
    .executeTakeFirstOrThrow()
  const decision = await db
    .selectFrom('panel_decision')
    .select('meeting_id')
    .where('episode_id', '=', episode.episode_id)
    .executeTakeFirstOrThrow()
  return { requestId: episode.request_id!, meetingId: decision.meeting_id, episodeId: episode.episode_id }
}

/**
 * Ids for the parts of a case that routes name (issue 8), none of which exists: a route checks the episode
 * first, so a refusal is a 403 before the part is looked for, and an allowed user then gets a 404.
 */
export function caseworkIds(): Record<string, string> {
  return {
    ...Object.fromEntries(
      [
        'assessmentId',
        'tafMeetingId',
        'planVersionId',
        'workSessionId',
        'programmeDeliveryId',
        'oversightEntryId',
        'toolRecordId',
        'outcomeKey',
        'actionKey',
      ].map(name => [name, randomUUID()]),
    ),
    // A licensed instrument whose results a route records (issue 9): Derby's model has RCADS, Leeds' has not.
    instrument: 'rcads',
    // A family's one-time link that was never made: the page says it does not work.
    token: 'A'.repeat(32),
  }
}

/** Rows of the case's work that belong to one episode (the demo's worked cases have their own). */
export async function countForEpisode(
  db: Db,
  episodeId: string,
  table: 'plan_version' | 'plan_outcome' | 'plan_action' | 'work_session' | 'work_session_person' | 'visit_frequency',
) {
  const counted =
    table === 'plan_outcome' || table === 'plan_action'
      ? await db
          .selectFrom(table)
          .innerJoin('plan_version', join =>
            join
              .onRef('plan_version.authority_id', '=', `${table}.authority_id`)
              .onRef('plan_version.plan_version_id', '=', `${table}.plan_version_id`),
          )
          .where('plan_version.episode_id', '=', episodeId)
          .select(eb => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      : table === 'work_session_person'
        ? await db
            .selectFrom('work_session_person')
            .innerJoin('work_session', join =>
              join
                .onRef('work_session.authority_id', '=', 'work_session_person.authority_id')
                .onRef('work_session.work_session_id', '=', 'work_session_person.work_session_id'),
            )
            .where('work_session.episode_id', '=', episodeId)
            .select(eb => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        : await db
            .selectFrom(table)
            .where('episode_id', '=', episodeId)
            .select(eb => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
  return Number(counted.n)
}

/**
 * Allocates a Derby episode to the demo practitioner through the team manager's page, as a test's starting point for
 * the work of the case: the allocation's date is `on` (the clock is left where it is).
 */
export async function allocateToPractitioner(t: TestApp, episodeId: string, on: string) {
  const db = t.testDatabase.database.db
  const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const [episode, worker] = await Promise.all([
    db.selectFrom('episode').select('version').where('episode_id', '=', episodeId).executeTakeFirstOrThrow(),
    db
      .selectFrom('app_user')
      .select('user_id')
      .where('email', '=', demoEmail('practitioner', 'derby'))
      .executeTakeFirstOrThrow(),
  ])
  const [year, month, day] = on.split('-')
  const allocated = await manager.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(episode.version),
      workerUserId: worker.user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': String(Number(day)),
      'allocatedOn-month': String(Number(month)),
      'allocatedOn-year': year!,
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  if (allocated.statusCode !== 303) throw new Error(`The allocation was refused: ${allocated.statusCode}`)
}
