import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { demoUser } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { CasePage } from './pages/CasePages.js'
import { SpiderGraphForm, SpiderGraphPage } from './pages/SpiderGraphPages.js'
import { signInAs } from './session.js'

// Issue 9 acceptance 1: a worker records a review spider graph beside the baseline, and the radar chart with both
// shows "improving" where the review is higher. The demo's Coulson family in Derby (src/services/demoCase.ts) is
// twelve weeks into its work with a baseline already scored; no other browser test touches it.
// 001_cfe3ebe7e928b659.txt §4: the progression of change tool is "reviewed prior to each TAF review meeting as the
// basis for discussing progress"; 003_e9f5ab6753ae1fa9.txt §2 counts "spider-graphs with an improving direction of
// travel".

const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })

/** Derby's spider graph areas and the demo's baseline scores for the Coulsons, written out again on purpose. */
const baseline = {
  'Home conditions': 5,
  Health: 6,
  Parenting: 4,
  'Family relationships': 6,
  'Education and school attendance': 3,
  'Emotional wellbeing': 5,
  Safety: 7,
  'Money and finances': 3,
}
const review = { ...baseline, Parenting: 6, 'Education and school attendance': 6, 'Money and finances': 2 }

test('derby: a worker reviews the Coulsons’ spider graph before their TAF review and sees it improving', async ({
  page,
}) => {
  await signInAs(page, demoUser('derby', 'practitioner'))
  await page.getByRole('link', { name: 'Episodes', exact: true }).click()
  await page
    .getByRole('link', { name: /Coulson/ })
    .first()
    .click()
  const casePage = new CasePage(page)
  await expect(casePage.heading).toContainText('Early help episode')
  await page.getByRole('link', { name: 'View the spider graph' }).click()

  const graph = new SpiderGraphPage(page)
  await expect(graph.heading).toHaveText('Spider graph')
  await expect(graph.onlyBaseline).toBeVisible()
  await graph.recordButton.click()

  // A score out of range and one missing: refused at their boxes, and what was typed is kept.
  const form = new SpiderGraphForm(page)
  await expect(form.stage('Review (before a TAF review)')).toBeChecked()
  await form.completedWith.fill('Kirsty and the children')
  await form.scoreAll({ ...review, Health: 11, Safety: '' })
  await form.save.click()
  await expect(
    form.errorSummary.link('The worker’s score for Health must be a whole number from 1 to 10'),
  ).toBeVisible()
  await expect(form.errorSummary.link('Enter the worker’s score for Safety, a whole number from 1 to 10')).toBeVisible()
  await expect(form.workerScore('Health')).toHaveValue('11')
  await expect(form.workerScore('Parenting')).toHaveValue('6')
  await expect(form.completedWith).toHaveValue('Kirsty and the children')
  await screenshot(page, 'spider-graph-error-derby')

  await form.workerScore('Health').fill(String(review.Health))
  await form.workerScore('Safety').fill(String(review.Safety))
  await form.familyViews.fill('Mornings are calmer; money is still the worry.')
  await form.save.click()

  await expect(graph.successBanner).toContainText('The spider graph has been recorded.')
  // 39 at the baseline, 43 now: +4 over the eight areas.
  await expect(graph.direction).toContainText('Improving')
  await expect(graph.direction).toContainText('+4 over 8 areas')
  await expect(graph.chart).toBeVisible()
  await expect(graph.row('Education and school attendance')).toContainText(/3\s*6\s*\+3\s*Improving/)
  await expect(graph.row('Money and finances')).toContainText(/3\s*2\s*−1\s*Worse/)
  await expect(graph.row('Health')).toContainText('No change')
  await screenshot(page, 'spider-graph-derby')

  // The case page shows the direction of travel beside the other work with the family.
  await page.getByRole('link', { name: 'Back to the case' }).click()
  await expect(page.getByRole('definition').filter({ hasText: 'direction of travel' })).toContainText('Improving')
})
