import type { Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, demoUser, demoUsers } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { HomePage } from './pages/HomePage.js'
import { SignInPage } from './pages/SignInPage.js'

test.describe('Signing in and out', () => {
  for (const user of demoUsers) {
    test(`${user.authorityName}: the ${user.roleLabel.toLowerCase()} signs in to their home page and out`, async ({
      page,
    }) => {
      const signIn = new SignInPage(page)
      await signIn.goto()
      await expect(signIn.heading).toBeVisible()
      await expect(signIn.header.homeLink).toHaveText('Tandem – early help')
      await signIn.signIn(user.email, DEMO_PASSWORD)

      const home = new HomePage(page)
      await expect(page).toHaveURL('/')
      await expect(home.heading).toHaveText(user.homeHeading)
      await expect(home.header.homeLink).toHaveText(user.authorityName)
      await expect(home.userName).toHaveText(user.name)
      await expect(home.userRole).toHaveText(user.roleLabel)
      await expect(page).toHaveTitle(`${user.homeHeading} – Tandem – ${user.authorityName}`)
      await expect(home.header.navigationLinks).toHaveText(user.navigationLinks)
      await expect(home.header.navigationLink('Home')).toHaveAttribute('aria-current', 'page')

      await home.header.signOut()
      await expect(page).toHaveURL('/sign-in?signedOut=1')
      await expect(signIn.signedOutBanner).toContainText('You have signed out.')
      await expect(signIn.header.userName).toHaveCount(0)
      await expect(signIn.header.homeLink).toHaveText('Tandem – early help')
    })
  }

  test('a wrong password shows the error summary and keeps the email address', async ({ page }) => {
    const user = demoUser('durham', 'team_manager')
    const signIn = new SignInPage(page)
    await signIn.goto()
    await signIn.signIn(user.email, 'walnut-harbour-lanterns')

    await expect(page).toHaveTitle('Error: Sign in – Tandem')
    await expect(signIn.errorSummary).toBeVisible()
    const summaryLink = signIn.errorSummary.getByRole('link', { name: 'Enter a correct email address and password' })
    await expect(summaryLink).toHaveAttribute('href', '#email')
    // The field's own message, tied to it so a screen reader reads it with the field.
    await expect(signIn.emailInput).toHaveAccessibleDescription(/Enter a correct email address and password/)
    await expect(signIn.emailInput).toHaveValue(user.email)
    await expect(signIn.passwordInput).toHaveValue('')
    await expect(signIn.header.userName).toHaveCount(0)
  })

  test('a user signs in with the keyboard only', async ({ page }) => {
    const user = demoUser('leeds', 'front_door')
    const signIn = new SignInPage(page)
    await signIn.goto()

    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused()
    await tabTo(page, signIn.emailInput)
    await page.keyboard.type(user.email)
    await page.keyboard.press('Tab')
    await expect(signIn.passwordInput).toBeFocused()
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')

    const home = new HomePage(page)
    await expect(home.heading).toHaveText(user.homeHeading)
    await expect(home.userName).toHaveText(user.name)

    await tabTo(page, home.header.signOutButton)
    await page.keyboard.press('Enter')
    await expect(signIn.signedOutBanner).toContainText('You have signed out.')
  })

  test('a user signs in and out with JavaScript disabled', async ({ browser }) => {
    const user = demoUser('derby', 'panel_chair')
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const signIn = new SignInPage(page)
    await signIn.goto()
    // GOV.UK Frontend's inline script marks the body when scripts run; here it must not have.
    await expect(page.locator('body')).not.toHaveClass(/js-enabled/)

    await signIn.signIn(user.email, DEMO_PASSWORD)
    const home = new HomePage(page)
    await expect(home.heading).toHaveText(user.homeHeading)
    await expect(home.userName).toHaveText(user.name)
    await expect(home.userRole).toHaveText(user.roleLabel)

    await home.header.signOut()
    await expect(signIn.signedOutBanner).toContainText('You have signed out.')
  })
})

/** Presses Tab until the element has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 25): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await target.evaluate(element => element === element.ownerDocument.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}
