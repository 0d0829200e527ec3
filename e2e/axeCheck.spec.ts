// A test of the axe check itself, so it uses Playwright's own `test`: the fixture would fail these
// tests for the very violations they set out to find.
import { expect, test } from '@playwright/test'
import { AxeWatcher } from './axe.js'

const inaccessible = `<!DOCTYPE html>
<html><head><title>Inaccessible</title></head>
<body><main><h1>Inaccessible</h1><img src="/assets/tandem.css"><a href="/sign-in">Sign in</a></main></body></html>`

test.describe('The axe check', () => {
  test('reports each violation with its page, and a page left before it could be checked', async ({
    browser,
    context,
    page,
  }) => {
    const scratch = await browser.newContext()
    const axe = new AxeWatcher(scratch)
    axe.watch(context)
    await axe.ready()
    await page.route(
      url => url.pathname === '/inaccessible',
      route => route.fulfill({ contentType: 'text/html', body: inaccessible }),
    )

    await page.goto('/inaccessible')
    // Clicking is an action, so the page is checked before the click takes the browser away.
    await page.getByRole('link', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Tandem')
    // A visit straight after another is checked first...
    await page.goto('/privacy')
    await page.goto('/accessibility')
    // ...but a navigation the page starts itself cannot be waited for: that must not pass quietly.
    await page.evaluate("location.assign('/cookies')")
    await page.waitForURL('/cookies')

    const results = await axe.settle()
    expect(results.map(result => new URL(result.url).pathname)).toEqual([
      '/inaccessible',
      '/sign-in',
      '/privacy',
      '/cookies',
    ])
    const [first, ...rest] = results
    expect(first?.violations.map(violation => violation.id).sort()).toEqual(['html-has-lang', 'image-alt'])
    expect(rest.flatMap(result => result.violations)).toEqual([])
    expect(axe.problems).toEqual([expect.stringMatching(/\/accessibility was left before axe could check it/)])
    const report = axe.report()
    expect(report).toContain('/inaccessible\n  - html-has-lang (serious)')
    expect(report).toContain('  - image-alt (critical): Images must have alternative text\n      img')
    await scratch.close()
  })

  test('checks pages in a context with JavaScript off', async ({ browser }) => {
    const scratch = await browser.newContext()
    const context = await browser.newContext({ javaScriptEnabled: false })
    const axe = new AxeWatcher(scratch)
    axe.watch(context)
    const page = await context.newPage()
    await axe.ready()
    await page.route(
      url => url.pathname === '/inaccessible',
      route => route.fulfill({ contentType: 'text/html', body: inaccessible }),
    )

    await page.goto('/inaccessible')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inaccessible')
    const results = await axe.settle()
    expect(results).toHaveLength(1)
    expect(results[0]?.violations.map(violation => violation.id).sort()).toEqual(['html-has-lang', 'image-alt'])
    expect(axe.problems).toEqual([])
    await context.close()
    await scratch.close()
  })
})
