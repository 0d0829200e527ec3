import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { demoUser } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { signInAs } from './session.js'

// Issue 9 acceptance 2: a family opens a one-time link on a phone (375 px wide), answers 'How Was It for You?' and
// sends it; the link then refuses a second use. Every page is checked with axe. (An expired link is tested in
// src/routes/episodes/feedback.test.ts, where the clock can be moved; it shows the same page as a used one.)
// 000_d6fbec82994b68a9.txt: "All families are surveyed … using a locally devised tool 'How Was It for You?'".

const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })

test('derby: a worker makes a link and a Coulson parent answers on their phone, once', async ({ page, browser }) => {
  await signInAs(page, demoUser('derby', 'practitioner'))
  await page.getByRole('link', { name: 'Episodes', exact: true }).click()
  await page
    .getByRole('link', { name: /Coulson/ })
    .first()
    .click()
  await page.getByRole('link', { name: 'View How Was It for You?' }).click()
  await page.getByRole('button', { name: 'Make a link for the family' }).click()
  const who = page.getByRole('group', { name: 'Who is the link for?' })
  await who.getByRole('radio').first().check()
  // The page tells the family nothing but the first name of whom the link is for.
  const firstName = (await who.locator('label').first().innerText()).split(' ')[0]!
  await page.getByRole('group', { name: 'When?' }).getByLabel('At the end of the help').check()
  await page.getByRole('button', { name: 'Make the link' }).click()
  const link = await page.getByTestId('feedback-link').innerText()
  expect(link).toMatch(/\/feedback\/[A-Za-z0-9_-]{32}$/)
  await screenshot(page, 'feedback-link-derby')

  // The family, on a phone, with no account.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })
  const family = await phone.newPage()
  await family.goto(link)
  await expect(family.getByRole('heading', { level: 1 })).toHaveText('How Was It for You?')
  await expect(family.getByText(`Hello ${firstName}.`)).toBeVisible()
  await family.getByRole('button', { name: 'Send my answers' }).click()
  await expect(family.getByRole('link', { name: 'Select an answer to “Were you treated with respect?”' })).toBeVisible()
  await screenshot(family, 'feedback-family-error')
  await family.getByRole('group', { name: 'Were you treated with respect?' }).getByLabel('Yes').check()
  await family.getByRole('group', { name: 'Did we listen to you?' }).getByLabel('Yes').check()
  await family
    .getByRole('group', { name: 'Did we help with the things we agreed to work on?' })
    .getByLabel('Partly')
    .check()
  await family.getByLabel('What was good? (optional)').fill('Someone to talk to who rang back.')
  await screenshot(family, 'feedback-family-phone')
  await family.getByRole('button', { name: 'Send my answers' }).click()
  await expect(family.getByRole('heading', { level: 1 })).toHaveText(`Thank you, ${firstName}`)
  await screenshot(family, 'feedback-family-thanks')

  await family.goto(link)
  await expect(family.getByRole('heading', { level: 1 })).toHaveText('This link has been used')
  await screenshot(family, 'feedback-family-used')

  await page.getByRole('link', { name: 'Back to ‘How Was It for You?’' }).click()
  await expect(page.getByTestId('answer').first()).toContainText('Answered by the family on their own device')
  await expect(page.getByTestId('links')).toContainText('Answered')
})
