import { demoUser } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { AccessLogPage } from './pages/AccessLogPage.js'
import { FamiliesPage } from './pages/FamiliesPage.js'
import { signInAs } from './session.js'

// Every role's navigation is checked as each demo user signs in (signIn.spec.ts); these follow it.
test.describe('Service navigation', () => {
  test('a practitioner is offered their families, search and account, not users or the access log', async ({
    page,
  }) => {
    const { header } = await signInAs(page, demoUser('durham', 'practitioner'))
    await expect(header.navigationLinks).toHaveText([
      'Home',
      'Families',
      'Search',
      'Episodes',
      'Your referrals',
      'Your account',
    ])
    await expect(header.navigationLink('Users')).toHaveCount(0)
    await expect(header.navigationLink('Access log')).toHaveCount(0)

    await header.navigationLink('Families').click()
    await expect(new FamiliesPage(page).heading).toBeVisible()
    await expect(header.navigationLink('Families')).toHaveAttribute('aria-current', 'page')
    await expect(header.navigationLink('Home')).not.toHaveAttribute('aria-current')
  })

  test('an administrator is offered users, teams and areas, and the access log', async ({ page }) => {
    const { header } = await signInAs(page, demoUser('leeds', 'admin'))
    await expect(header.navigationLink('Users')).toHaveAttribute('href', '/admin/users')
    await expect(header.navigationLink('Teams and areas')).toHaveAttribute('href', '/admin/teams')
    await expect(header.navigationLink('Access log')).toHaveAttribute('href', '/access-log')
    await expect(header.navigationLink('Families')).toHaveCount(0)

    await header.navigationLink('Access log').click()
    await expect(new AccessLogPage(page).heading).toBeVisible()
    await expect(header.navigationLink('Access log')).toHaveAttribute('aria-current', 'page')
  })

  test('an administrator reads their authority’s practice model and changes a timescale', async ({ page }) => {
    const { header } = await signInAs(page, demoUser('derby', 'admin'))
    await header.navigationLink('Practice model').click()
    await expect(page.getByRole('heading', { level: 1, name: 'Practice model' })).toBeVisible()
    await expect(page.getByText("Vulnerable Children's Meeting, weekly per locality")).toBeVisible()

    await page.getByRole('button', { name: 'Change timescales' }).click()
    await page.getByLabel('Team Around the Family reviews').fill('ten')
    await page.getByRole('button', { name: 'Save timescales' }).click()
    await expect(page).toHaveTitle(/^Error: Change timescales/)
    await expect(
      page.getByRole('link', { name: 'Team Around the Family reviews must be a whole number, like 6' }),
    ).toBeVisible()

    await page.getByLabel('Team Around the Family reviews').fill('10')
    await page.getByRole('button', { name: 'Save timescales' }).click()
    await expect(page.getByText('The practice model has been changed.')).toBeVisible()
    await expect(page.getByRole('row', { name: /Team Around the Family reviews 10 weeks/ })).toBeVisible()
    await page.screenshot({ path: 'screenshots/practice-model.png', fullPage: false })

    // The other forms of the practice model, each checked with axe as it is visited.
    await page.getByRole('link', { name: 'Change the words Tandem uses' }).click()
    await expect(page.getByLabel('The person who leads the work with a family')).toHaveValue('lead professional')
    await page.getByRole('link', { name: 'Back' }).click()
    await page.getByRole('link', { name: 'Change the levels of need' }).click()
    await expect(page.getByRole('group', { name: 'Level 1' })).toBeVisible()
    await page.getByRole('link', { name: 'Back' }).click()
    await page.getByRole('link', { name: 'import a changed one' }).click()
    await page.getByLabel('The practice model (JSON)').fill('{ "schemaVersion": 1 }')
    await page.getByRole('button', { name: 'Check and save' }).click()
    await expect(page).toHaveTitle(/^Error: Import a changed practice model/)
    await expect(page.getByRole('link', { name: /^name: / })).toBeVisible()
  })
})
