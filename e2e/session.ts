import { expect, type Page } from '@playwright/test'
import { DEMO_PASSWORD, type DemoUser } from './demoUsers.js'
import { HomePage } from './pages/HomePage.js'

/**
 * Signs a demo user in by posting the sign-in form over HTTP, in the page's cookie jar, then opens
 * their home page. For tests about something other than signing in: signIn.spec.ts drives the form
 * itself. Saves a page load and an axe check per test, which keeps the suite fast.
 */
export async function signInAs(page: Page, user: DemoUser): Promise<HomePage> {
  const form = await page.request.get('/sign-in')
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
  if (!csrfToken) throw new Error('The sign-in page has no CSRF token')
  const response = await page.request.post('/sign-in', {
    form: { _csrf: csrfToken, email: user.email, password: DEMO_PASSWORD, returnTo: '/' },
    maxRedirects: 0,
  })
  expect(response.status(), `${user.email} could not sign in`).toBe(303)

  const home = new HomePage(page)
  await home.goto()
  await expect(home.heading).toHaveText(user.homeHeading)
  return home
}
