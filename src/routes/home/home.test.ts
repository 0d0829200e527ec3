import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedIn } from '../../../test/agent.js'
import { buildTestApp, demoEmail, type TestApp } from '../../../test/app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const home = async (role: string, authority: 'derby' | 'durham' | 'leeds') =>
  (await (await signedIn(t.app, demoEmail(role, authority))).get('/')).body

describe('home pages speak their authority’s practice model', () => {
  it('names Derby’s weekly panel the Vulnerable Children’s Meeting (000) and Leeds’ the guidance and support meeting (004)', async () => {
    expect(await home('panel_chair', 'derby')).toContain(
      'whose requests come to the Vulnerable Children&#39;s Meeting.',
    )
    const leeds = await home('panel_chair', 'leeds')
    expect(leeds.toLowerCase()).toContain('guidance and support meeting')
    expect(leeds).not.toContain('Vulnerable Children')
  })

  it('names each front door in its own words: Durham’s MASH takes referrals (002), Leeds’ Duty and Advice conversations (004)', async () => {
    expect(await home('front_door', 'durham')).toContain('MASH decides what happens to each referral.')
    expect(await home('front_door', 'leeds')).toContain('Duty and Advice decides what happens to each conversation.')
  })

  it('shows a practitioner their team’s families and no other team’s', async () => {
    const body = await home('practitioner', 'derby')
    expect(body).toContain('Ashworth family')
    expect(body).not.toContain('Elwood family')
  })
})
