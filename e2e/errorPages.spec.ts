import { demoUser } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import { ErrorPage } from './pages/ErrorPage.js'
import { signInAs } from './session.js'

test.describe('Error pages', () => {
  test('a practitioner who opens the access log sees the 403 page', async ({ page, axe }) => {
    const user = demoUser('derby', 'practitioner')
    await signInAs(page, user)

    const errorPage = new ErrorPage(page)
    expect(await errorPage.goto('/access-log')).toBe(403)
    await expect(errorPage.heading).toHaveText('You do not have permission to view this page')
    await expect(page).toHaveTitle(`You do not have permission to view this page – Tandem – ${user.authorityName}`)
    await expect(errorPage.homeLink).toHaveAttribute('href', '/')

    const checked = await axe.settle()
    expect(checked.map(result => new URL(result.url).pathname)).toContain('/access-log')
    expect(checked.flatMap(result => result.violations)).toEqual([])
  })

  test('an address that does not exist shows the 404 page', async ({ page, axe }) => {
    await signInAs(page, demoUser('leeds', 'practitioner'))

    const errorPage = new ErrorPage(page)
    expect(await errorPage.goto('/no-such-page')).toBe(404)
    await expect(errorPage.heading).toHaveText('Page not found')
    await expect(page.getByText('If you typed the web address, check it is correct.')).toBeVisible()

    const checked = await axe.settle()
    expect(checked.map(result => new URL(result.url).pathname)).toContain('/no-such-page')
    expect(checked.flatMap(result => result.violations)).toEqual([])
  })
})
