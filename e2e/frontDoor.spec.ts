import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { demoUser, type AuthoritySlug } from './demoUsers.js'
import { dateParts } from './pages/DateInput.js'
import { expect, test } from './fixtures.js'
import {
  FrontDoorDecisionPage,
  FrontDoorPage,
  LinkRecordsPage,
  RequestFormPage,
  RequestPage,
} from './pages/RequestPages.js'
import { signInAs } from './session.js'

// Issue 7: from concern to decision. Per practice model, in the browser: a partner asks for help, the front
// door links the request to records and routes it to the panel, the panel allocates, and the team manager
// finds the unallocated episode; the partner sees the outcome and nothing more. Every page is checked with axe.

const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })

/** Each preset's words, written out again on purpose (src/practice-models/presets/*.ts are the code under test). */
const presets: Record<
  AuthoritySlug,
  {
    frontDoor: string
    /** How the interface's sentences name the front door and the panel (the model's vocabulary). */
    frontDoorWord: string
    panelWord: string
    request: string
    area: string
    concern: string
    toPanel: string
    panel: string
    allocate: string
    level: string
    team: string
    conversation: boolean
    /** Words of the other presets that must not appear (acceptance 4: "no Derby words"). */
    foreignWords: string[]
  }
> = {
  derby: {
    frontDoor: 'Front door',
    frontDoorWord: 'front door',
    panelWord: "Vulnerable Children's Meeting",
    request: 'request for support',
    area: 'Locality 1',
    concern: 'Neglect or poor care',
    toPanel: "To the Vulnerable Children's Meeting",
    panel: "Vulnerable Children's Meeting",
    allocate: 'Targeted early help: allocate to the locality early help team and a lead professional',
    level: 'Level 2: emerging needs (early help)',
    team: 'Locality 1 Multi-Agency Team',
    conversation: false,
    foreignWords: ['Duty and Advice', 'Guidance and support meeting', 'MASH'],
  },
  durham: {
    frontDoor: 'MASH',
    frontDoorWord: 'MASH',
    panelWord: 'early help allocation meeting',
    request: 'referral',
    area: 'North',
    concern: 'Neglect',
    toPanel: 'Discuss at the early help allocation meeting',
    panel: 'Early help allocation meeting',
    allocate: 'Allocate to the One Point Service',
    level: 'Level 2: early help from one service',
    team: 'North Early Help Team',
    conversation: false,
    foreignWords: ['Vulnerable Children', 'Duty and Advice', 'Guidance and support meeting'],
  },
  leeds: {
    frontDoor: 'Duty and Advice',
    frontDoorWord: 'Duty and Advice',
    panelWord: 'guidance and support meeting',
    request: 'conversation',
    area: 'Cluster 01',
    concern: 'Risk of significant harm',
    toPanel: 'Integrated Processes Team to provide access to support',
    panel: 'Guidance and support meeting',
    allocate: 'Cluster based targeted service',
    level: 'Targeted',
    team: 'Cluster 01 Targeted Services',
    conversation: true,
    foreignWords: ['Vulnerable Children', 'request for support', 'locality', 'Locality', 'MASH'],
  },
}

async function pageAs(browser: Browser, slug: AuthoritySlug, role: Parameters<typeof demoUser>[1]) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInAs(page, demoUser(slug, role))
  return page
}

for (const slug of ['derby', 'durham', 'leeds'] as const) {
  const words = presets[slug]
  test(`${slug}: a partner's ${words.request} goes through the ${words.frontDoor} to the ${words.panel}, which opens an episode`, async ({
    browser,
  }) => {
    const surname = `Vell-${slug}-${Date.now().toString(36)}`
    const child = `Maya ${surname}`

    // The partner asks.
    const partner = await pageAs(browser, slug, 'partner')
    const form = new RequestFormPage(partner)
    await form.goto()
    await form.fill({
      subjects: [
        { givenName: 'Maya', familyName: surname, role: 'Child', born: dateParts(new Date(2015, 4, 4)) },
        { givenName: 'Jo', familyName: surname, role: 'Parent' },
      ],
      area: words.area,
      concerns: [words.concern],
      worries: 'Maya has missed 12 days of school this term and says her mum is unwell.',
      familyKnows: 'Her mum knows and agreed that we ask for help.',
      consentGivenBy: `Jo ${surname} (mother)`,
      safeguardingConcern: false,
      ...(words.conversation
        ? {
            conversation: {
              withWhom: `Jo ${surname} and the school’s safeguarding lead`,
              agreed: 'To ask Duty and Advice',
            },
          }
        : {}),
    })
    if (words.conversation) await partner.getByLabel(`Send to ${words.frontDoor} for a decision`).check()
    await screenshot(partner, `request-${slug}-form`)
    await form.submit.click()
    const request = new RequestPage(partner)
    await expect(request.successBanner).toBeVisible()
    await expect(request.status).toHaveText(`With the ${words.frontDoorWord}`)
    const requestUrl = partner.url().split('?')[0]!

    // The front door links it to records and routes it to the panel.
    const frontDoor = await pageAs(browser, slug, 'front_door')
    const queue = new FrontDoorPage(frontDoor)
    await queue.goto()
    await expect(queue.heading).toHaveText(words.frontDoor)
    await screenshot(frontDoor, `front-door-${slug}`)
    await queue.row(`Maya ${surname}, Jo ${surname}`).getByRole('link').click()
    const working = new RequestPage(frontDoor)
    await working.linkButton.click()
    const link = new LinkRecordsPage(frontDoor)
    await link.makeEverythingNew()
    await link.submit.click()
    await working.decisionButton.click()
    await screenshot(frontDoor, `front-door-${slug}-decision`)
    await new FrontDoorDecisionPage(frontDoor).decide(
      words.toPanel,
      'Attendance and a parent’s health: a multi-agency response.',
    )
    await expect(working.status).toHaveText(`For the ${words.panelWord}`)
    for (const word of words.foreignWords) await expect(frontDoor.getByRole('main')).not.toContainText(word)

    // The panel chair decides at today's meeting of the area.
    const chair = await pageAs(browser, slug, 'panel_chair')
    await chair.goto('/panels')
    await chair
      .getByRole('link', { name: new RegExp(words.area) })
      .first()
      .click()
    await expect(chair.getByRole('main')).toContainText(child)
    await screenshot(chair, `panel-${slug}-agenda`)
    await chair
      .getByRole('region', { name: new RegExp(surname) })
      .getByRole('link', { name: /Record the decision/ })
      .click()
    await chair.getByLabel(words.allocate, { exact: true }).check()
    await chair.getByLabel(words.level, { exact: true }).check()
    await chair.getByLabel('Team', { exact: true }).selectOption({ label: words.team })
    await chair
      .getByLabel('Rationale', { exact: true })
      .fill('Emerging needs; the family want help. Allocated for targeted early help.')
    await chair.getByRole('button', { name: /Record the decision/ }).click()
    await expect(chair.getByRole('main')).toContainText(words.allocate)
    await screenshot(chair, `panel-${slug}-decided`)

    // The team manager finds the episode waiting for a worker.
    const manager = await pageAs(browser, slug, 'team_manager')
    await manager.goto('/episodes?unallocated=yes')
    await expect(manager.getByRole('link', { name: `${surname} family` })).toBeVisible()
    await screenshot(manager, `episodes-${slug}-unallocated`)

    // The case page (issue 5 acceptance 1): this preset's level and words, and none of the others'.
    await manager.getByRole('link', { name: `${surname} family` }).click()
    const main = manager.getByRole('main')
    await expect(main.getByRole('heading', { level: 1 })).toHaveText('Early help episode')
    await expect(main).toContainText(words.level)
    for (const word of words.foreignWords) await expect(main).not.toContainText(word)
    await screenshot(manager, `episode-${slug}`)
    if (slug === 'derby') {
      // The team manager allocates the worker (issue 8): the episode no longer waits.
      await manager.getByRole('link', { name: 'Allocate a worker' }).click()
      await manager
        .getByLabel('Worker', { exact: true })
        .selectOption({ label: 'Priya Sandhu – Locality 1 Multi-Agency Team' })
      await manager.getByRole('button', { name: 'Allocate' }).click()
      await expect(manager.getByRole('alert', { name: 'Success' })).toContainText('The episode has been allocated.')
      await expect(
        main.getByRole('table', { name: /Who has worked/ }).or(main.locator('#allocations + table')),
      ).toContainText('Priya Sandhu')
      await screenshot(manager, 'episode-derby-allocated')
      // The family signs the early help agreement before the first Team Around the Family (001 §4).
      await manager.getByRole('link', { name: 'Record the early help agreement' }).click()
      await manager.getByLabel(`Jo ${surname}`, { exact: true }).check()
      await manager.getByRole('button', { name: 'Save the agreement' }).click()
      await expect(manager.getByTestId('agreement')).toContainText(`Signed on paper on`)
      await expect(manager.getByTestId('agreement')).toContainText(`by Jo ${surname}, with Priya Sandhu`)
      await screenshot(manager, 'episode-derby-agreement')
    }
    if (slug === 'durham') {
      // Durham's staircase (issue 5 acceptance 4): a step up within the episode, dated, with its reason.
      await manager.getByRole('link', { name: 'Change the level of need' }).click()
      await manager
        .getByLabel('Level 3: early help from several services (Team Around the Family)', { exact: true })
        .check()
      await manager.getByLabel('Reason for the change', { exact: true }).fill('Health and school now both involved.')
      await manager.getByRole('button', { name: 'Save the change' }).click()
      await expect(manager.getByRole('alert', { name: 'Success' })).toContainText('The level of need has been changed.')
      await expect(main.getByRole('table').last()).toContainText('Health and school now both involved.')
      await screenshot(manager, 'episode-durham-staircase')
    }

    // The partner sees the outcome, and nothing of the records behind it.
    await partner.goto(requestUrl)
    await expect(request.outcome).toContainText(words.allocate)
    await expect(partner.getByRole('main').getByRole('link', { name: /family$/ })).toHaveCount(0)
    await expect(partner.getByRole('link', { name: child })).toHaveCount(0)
    await screenshot(partner, `request-${slug}-outcome`)
  })
}
