import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../test/app.js'
import { apiTokenFor, demoRecords, frontDoorRecords } from '../../test/fixtures.js'

// The whole-family assessment on the API (issue 8: "All of it on /api/v1 under the policy"). Acceptance 3:
// "Submitting an assessment without a father's view and without a reason why gets a field error"
// (003_e9f5ab6753ae1fa9.txt §5: "no father's views in assessments").

let t: TestApp
let episodeId: string
let practitioner: string
let manager: string
let partner: string
let father: { person_id: string; given_name: string; family_name: string }

const db = () => t.testDatabase.database.db

function call(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
}

interface Entry {
  personId: string | null
  name: string | null
  father: boolean
  body: string | null
  notRecordedReason: string | null
  field: string
}
interface Assessment {
  assessmentId: string
  status: string
  version: number
  sections: { code: string; about: string; entries: Entry[] }[]
  needs: { needId: string; description: string; outcomeAreaLabel: string }[]
  versions: { number: number; decision: string | null; comments: string | null; content: { sections: unknown[] } }[]
}

beforeAll(async () => {
  t = await buildTestApp()
  const derby = await demoRecords(db(), 'derby')
  const familyId = derby.partnerFamily.family_id
  ;({ episodeId } = await frontDoorRecords(t, familyId))
  const managerAgent = await signedIn(t.app, demoEmail('team_manager', 'derby'))
  const { version } = await db()
    .selectFrom('episode')
    .select('version')
    .where('episode_id', '=', episodeId)
    .executeTakeFirstOrThrow()
  const allocated = await managerAgent.post(
    `/episodes/${episodeId}/allocate`,
    {
      version: String(version),
      workerUserId: derby.user(demoEmail('practitioner', 'derby')).user_id,
      leadProfessionalUserId: '',
      'allocatedOn-day': '23',
      'allocatedOn-month': '11',
      'allocatedOn-year': '2026',
      reason: '',
    },
    { from: `/episodes/${episodeId}/allocate` },
  )
  expect(allocated.statusCode).toBe(303)
  father = await db()
    .selectFrom('family_member as m')
    .innerJoin('person as p', 'p.person_id', 'm.person_id')
    .select(['p.person_id', 'p.given_name', 'p.family_name'])
    .where('m.family_id', '=', familyId)
    .where('m.role', '=', 'parent')
    .where('p.gender', '=', '1')
    .executeTakeFirstOrThrow()
  practitioner = (await apiTokenFor(t, demoEmail('practitioner', 'derby'))).token
  manager = (await apiTokenFor(t, demoEmail('team_manager', 'derby'))).token
  partner = (await apiTokenFor(t, demoEmail('partner', 'derby'))).token
})
afterAll(() => t.close())

const path = () => `/api/v1/episodes/${episodeId}/assessments`
let assessmentId: string
const read = async (token = practitioner) =>
  JSON.parse((await call('GET', `${path()}/${assessmentId}`, token)).body) as Assessment

/** A text for every entry, except the ones `skip` names. */
const everyEntry = (assessment: Assessment, skip: (entry: Entry) => boolean = () => false) =>
  assessment.sections.flatMap(section =>
    section.entries
      .filter(entry => !skip(entry))
      .map(entry => ({
        section: section.code,
        personId: entry.personId,
        body: `Written for ${entry.name ?? 'the family'}`,
      })),
  )
const isFather = (entry: Entry) => entry.personId === father.person_id

describe('the assessment on /api/v1', () => {
  it('starts an assessment for those who work the case only', async () => {
    const empty = await call('GET', path(), practitioner)
    expect(empty.statusCode, empty.body).toBe(200)
    expect(JSON.parse(empty.body)).toEqual({ items: [] })
    const body = { assessmentType: 'early-help-assessment', startedOn: '2026-11-23' }
    expect((await call('POST', path(), partner, body)).statusCode).toBe(403)
    const bad = await call('POST', path(), practitioner, { assessmentType: 'early-help-assessment' })
    expect(bad.statusCode).toBe(400)
    const future = await call('POST', path(), practitioner, { ...body, startedOn: '2027-01-01' })
    expect(future.statusCode).toBe(400)
    expect(JSON.parse(future.body).errors).toEqual([
      { field: 'startedOn', message: 'The date must be today or in the past' },
    ])
    const created = await call('POST', path(), practitioner, body)
    expect(created.statusCode, created.body).toBe(201)
    assessmentId = JSON.parse(created.body).assessmentId
    expect(created.headers.location).toBe(`${path()}/${assessmentId}`)
    const assessment = await read()
    expect(assessment).toMatchObject({ status: 'draft', needs: [], versions: [] })
    const views = assessment.sections.find(section => section.about === 'each_parent')!
    expect(views.entries).toContainEqual(expect.objectContaining({ personId: father.person_id, father: true }))
    // The partner, part of the family, reads it.
    expect((await call('GET', `${path()}/${assessmentId}`, partner)).statusCode).toBe(200)
  })

  it('saves a draft, and refuses to submit it without the father’s view or a reason, naming him', async () => {
    const assessment = await read()
    const saved = await call('PUT', `${path()}/${assessmentId}`, practitioner, {
      version: assessment.version,
      entries: everyEntry(assessment, isFather),
      needs: [{ description: 'Bedtime routines break down most nights', outcomeArea: 'family-relationships' }],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const draft = JSON.parse(saved.body) as Assessment
    expect(draft.needs).toEqual([
      expect.objectContaining({
        description: 'Bedtime routines break down most nights',
        outcomeAreaLabel: 'Improved family relationships',
      }),
    ])
    const refused = await call('POST', `${path()}/${assessmentId}/submit`, practitioner, { version: draft.version })
    expect(refused.statusCode).toBe(400)
    const fatherField = draft.sections.flatMap(section => section.entries).find(isFather)!.field
    expect(JSON.parse(refused.body).errors).toEqual([
      {
        field: fatherField,
        message: `Enter ${father.given_name} ${father.family_name}’s view (the father), or why it could not be recorded`,
      },
    ])
    expect(await read()).toMatchObject({ status: 'draft', version: draft.version, versions: [] })
    expect((await call('PUT', `${path()}/${assessmentId}`, partner, { version: draft.version })).statusCode).toBe(403)
  })

  it('refuses a stale save, then submits with the reason his view could not be recorded', async () => {
    const current = await read()
    const stale = await call('PUT', `${path()}/${assessmentId}`, practitioner, {
      version: current.version - 1,
      entries: [],
    })
    expect(stale.statusCode).toBe(409)
    const views = current.sections.find(section => section.about === 'each_parent')!
    const saved = await call('PUT', `${path()}/${assessmentId}`, practitioner, {
      version: current.version,
      entries: [
        {
          section: views.code,
          personId: father.person_id,
          notRecordedReason: 'He did not come to the three visits arranged with him.',
        },
      ],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const { version, needs } = JSON.parse(saved.body) as Assessment
    expect(needs, 'needs not sent stay as they are').toHaveLength(1)
    const submitted = await call('POST', `${path()}/${assessmentId}/submit`, practitioner, { version })
    expect(submitted.statusCode, submitted.body).toBe(200)
    expect(JSON.parse(submitted.body)).toMatchObject({ status: 'submitted', versions: [{ number: 1, decision: null }] })
  })

  it('lets only a manager decide: returned with comments, resubmitted, approved', async () => {
    let { version } = await read()
    expect(
      (await call('POST', `${path()}/${assessmentId}/decision`, practitioner, { version, decision: 'approve' }))
        .statusCode,
    ).toBe(403)
    const noComments = await call('POST', `${path()}/${assessmentId}/decision`, manager, {
      version,
      decision: 'return',
    })
    expect(noComments.statusCode).toBe(400)
    expect(JSON.parse(noComments.body).errors).toEqual([
      { field: 'comments', message: 'Enter what needs to change before the assessment can be approved' },
    ])
    const returned = await call('POST', `${path()}/${assessmentId}/decision`, manager, {
      version,
      decision: 'return',
      comments: 'Say what the risks are if nothing changes.',
    })
    expect(returned.statusCode, returned.body).toBe(200)
    ;({ version } = JSON.parse(returned.body) as Assessment)
    const analysis = await call('PUT', `${path()}/${assessmentId}`, practitioner, {
      version,
      entries: [
        { section: 'analysis', personId: null, body: 'If routines do not change, attendance will keep falling.' },
      ],
    })
    expect(analysis.statusCode, analysis.body).toBe(200)
    ;({ version } = JSON.parse(analysis.body) as Assessment)
    expect((await call('POST', `${path()}/${assessmentId}/submit`, practitioner, { version })).statusCode).toBe(200)
    ;({ version } = await read())
    const approved = await call('POST', `${path()}/${assessmentId}/decision`, manager, { version, decision: 'approve' })
    expect(approved.statusCode, approved.body).toBe(200)
    const final = JSON.parse(approved.body) as Assessment
    expect(final.status).toBe('approved')
    expect(final.versions.map(v => [v.number, v.decision, v.comments])).toEqual([
      [1, 'returned', 'Say what the risks are if nothing changes.'],
      [2, 'approved', null],
    ])
    expect(JSON.stringify(final.versions[0]!.content)).toContain('Written for the family')
    expect(JSON.stringify(final.versions[0]!.content)).not.toContain('attendance will keep falling')
    expect(JSON.stringify(final.versions[1]!.content)).toContain('attendance will keep falling')
    const list = JSON.parse((await call('GET', path(), partner)).body)
    expect(list.items).toEqual([expect.objectContaining({ assessmentId, status: 'approved' })])
    // What the plan builds on: the approved assessment's needs, and the case page's summary of it.
    const { authority_id: authorityId } = await db()
      .selectFrom('episode')
      .select('authority_id')
      .where('episode_id', '=', episodeId)
      .executeTakeFirstOrThrow()
    const needs = await t.services.assessments.needsOf(authorityId, episodeId)
    expect(needs).toEqual([
      expect.objectContaining({
        description: 'Bedtime routines break down most nights',
        outcomeArea: 'family-relationships',
      }),
    ])
    expect(await t.services.assessments.forCase(authorityId, episodeId)).toEqual({
      latest: expect.objectContaining({ assessmentId, status: 'approved', typeLabel: 'Early Help Assessment (EHA)' }),
      count: 1,
    })
  })

  it('is in the OpenAPI document', async () => {
    const document = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body)
    expect(Object.keys(document.paths['/api/v1/episodes/{episodeId}/assessments']).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/v1/episodes/{episodeId}/assessments/{assessmentId}']).sort()).toEqual([
      'get',
      'put',
    ])
    expect(document.paths['/api/v1/episodes/{episodeId}/assessments/{assessmentId}/submit'].post.summary).toEqual(
      expect.any(String),
    )
    expect(document.paths['/api/v1/episodes/{episodeId}/assessments/{assessmentId}/decision'].post.summary).toEqual(
      expect.any(String),
    )
  })
})
