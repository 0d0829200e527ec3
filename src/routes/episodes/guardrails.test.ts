import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'
import { demoRecords, frontDoorRecords, allocateToPractitioner } from '../../../test/fixtures.js'
import { presets } from '../../practice-models/presets/index.js'
import { missingConcernTools } from '../../services/guardrails.js'

// The guardrails on tools (issue 9 acceptance 5: "A case with neglect among its concerns and no GCP2 shows the flag on
// the case and the team view"). DESIGN §4: no GCP2 where neglect is a concern, no domestic abuse tool where domestic
// abuse is → flagged. 003_e9f5ab6753ae1fa9.txt action 3.3: "GCP to be used in all cases where neglect is a key
// feature"; action 3.11: "Ensure use of Domestic Violence Risk Identification Matrix (DVRIM)". Derby's preset asks
// for the GCP2 where neglect is a concern and the DVRIM where domestic abuse is.

const derbyModel = presets.derby
const gcp2 = derbyModel.progressionTools.find(tool => tool.code === 'graded-care-profile')!
const dvrim = derbyModel.progressionTools.find(tool => tool.code === 'dvrim')!
const concern = (code: string) => derbyModel.concernCategories.find(category => category.code === code)!.label
const neglect = concern('neglect')
const domesticAbuse = concern('domestic-abuse')

describe('the tools a case’s concerns call for (services/guardrails.ts)', () => {
  it('flags the GCP2 where neglect is a concern and none is recorded, and nothing once one is', () => {
    expect(missingConcernTools(derbyModel, { concerns: ['neglect', 'housing'], tools: ['spider-graph'] })).toEqual([
      expect.objectContaining({
        toolCode: gcp2.code,
        message: `${neglect} is a concern and no ${gcp2.label} has been recorded`,
      }),
    ])
    expect(missingConcernTools(derbyModel, { concerns: ['neglect'], tools: [gcp2.code] })).toEqual([])
  })

  it('flags nothing where no concern calls for a tool', () => {
    expect(missingConcernTools(derbyModel, { concerns: ['housing', 'money-food-poverty'], tools: [] })).toEqual([])
  })
})

describe('the flags on the case page and the team’s list of episodes', () => {
  let t: TestApp
  let episodeId: string
  const db = () => t.testDatabase.database.db
  const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

  beforeAll(async () => {
    t = await buildTestApp()
    const derby = await demoRecords(db(), 'derby')
    const { episodeId: id, requestId } = await frontDoorRecords(t, derby.partnerFamily.family_id)
    episodeId = id
    // The request that opened the episode named neglect and domestic abuse among its concerns.
    await db()
      .updateTable('support_request')
      .set({ concerns: ['neglect', 'domestic-abuse', 'housing'] })
      .where('request_id', '=', requestId)
      .execute()
    t.clock.set('2026-12-01T10:00:00Z')
    await allocateToPractitioner(t, episodeId, '2026-12-01')
  })
  afterAll(() => t.close())

  it('shows both flags until a tool is recorded, then only the one still missing', async () => {
    const practitioner = await signedIn(t.app, demoEmail('practitioner', 'derby'))
    const manager = await signedIn(t.app, demoEmail('team_manager', 'derby'))
    const caseHtml = (await practitioner.get(`/episodes/${episodeId}`)).body
    // Each flag links to the form that records the tool: the GCP2's own, and the simple form for the DVRIM.
    expect(caseHtml).toContain(
      `href="/episodes/${episodeId}/instruments/graded-care-profile-2/new">Record the ${gcp2.label}`,
    )
    expect(caseHtml).toContain(`href="/episodes/${episodeId}/tools/new">Record the ${dvrim.label}`)
    const casePage = words(caseHtml)
    expect(casePage).toContain(`${neglect} is a concern and no ${gcp2.label} has been recorded.`)
    expect(casePage).toContain(`${domesticAbuse} is a concern and no ${dvrim.label} has been recorded.`)
    const list = words((await manager.get('/episodes')).body)
    expect(list).toMatch(new RegExp(`Ashworth family No ${escape(gcp2.label)} No ${escape(dvrim.label)}`))

    const recorded = await practitioner.post(`/episodes/${episodeId}/tools`, {
      tool: dvrim.code,
      stage: 'baseline',
      'completedOn-day': '1',
      'completedOn-month': '12',
      'completedOn-year': '2026',
      completedWith: 'Mum',
      summary: 'Standard risk.',
    })
    expect(recorded.statusCode, recorded.body).toBe(303)
    const after = words((await practitioner.get(`/episodes/${episodeId}`)).body)
    expect(after).toContain(`${neglect} is a concern and no ${gcp2.label} has been recorded.`)
    expect(after).not.toContain(`no ${dvrim.label} has been recorded`)
    const listAfter = words((await manager.get('/episodes')).body)
    expect(listAfter).toContain(`No ${gcp2.label}`)
    expect(listAfter).not.toContain(`No ${dvrim.label}`)
  })
})

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
