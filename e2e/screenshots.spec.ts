import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { demoUser, roles } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { AccessLogPage } from './pages/AccessLogPage.js'
import { ErrorPage } from './pages/ErrorPage.js'
import { FamiliesPage } from './pages/FamiliesPage.js'
import { SignInPage } from './pages/SignInPage.js'
import { signInAs } from './session.js'

// Full-page pictures of the service for people to look at (README, design reviews); not compared.
const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })
}

test.describe('Screenshots', () => {
  test('sign in', async ({ page }) => {
    const signIn = new SignInPage(page)
    await signIn.goto()
    await expect(signIn.heading).toBeVisible()
    await screenshot(page, 'sign-in')
  })

  for (const role of roles) {
    const fileName = `home-${role.replace(/_/g, '-')}`
    test(`${fileName}: Derby's ${role.replace(/_/g, ' ')} home page`, async ({ page }) => {
      await signInAs(page, demoUser('derby', role))
      await screenshot(page, fileName)
    })
  }

  test('403 and 404', async ({ page }) => {
    await signInAs(page, demoUser('derby', 'practitioner'))
    const errorPage = new ErrorPage(page)
    await errorPage.goto('/access-log')
    await expect(errorPage.heading).toHaveText('You do not have permission to view this page')
    await screenshot(page, '403')
    await errorPage.goto('/no-such-page')
    await expect(errorPage.heading).toHaveText('Page not found')
    await screenshot(page, '404')
  })

  test('families, a family and a person', async ({ page }) => {
    await signInAs(page, demoUser('derby', 'practitioner'))
    const families = new FamiliesPage(page)
    await families.goto()
    await expect(families.heading).toBeVisible()
    await screenshot(page, 'families')

    const family = await families.openFamily('Ashworth family')
    await expect(family.heading).toHaveText('Ashworth family')
    await screenshot(page, 'family')

    const memberName = (await family.members.getByRole('link').first().innerText()).trim()
    const person = await family.openPerson(memberName)
    await expect(person.heading).toHaveText(memberName)
    await expect(person.familyLink('Ashworth family')).toBeVisible()
    await screenshot(page, 'person')
  })

  test('access log: a head of service searches for a surname from a family page', async ({ page }) => {
    const user = demoUser('derby', 'head_of_service')
    await signInAs(page, user)
    const families = new FamiliesPage(page)
    await families.goto()
    const family = await families.openFamily('Bramley family')
    await expect(family.heading).toHaveText('Bramley family')
    const member = (await family.members.getByRole('link').first().innerText()).trim()
    const surname = member.split(' ').at(-1)!

    const accessLog = new AccessLogPage(page)
    await accessLog.goto()
    await accessLog.searchByPerson(surname)
    await expect(accessLog.personInput).toHaveValue(surname)
    await expect(page.getByRole('heading', { name: `People matching “${surname}”` })).toBeVisible()
    // The head of service's own view of the family, a moment ago, is in the log.
    await expect(
      accessLog.results
        .getByRole('row')
        .filter({ hasText: `${user.name} (${user.roleLabel})` })
        .first(),
    ).toBeVisible()
    await screenshot(page, 'access-log')
  })
})
