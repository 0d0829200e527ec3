import { test as base, expect, type BrowserContext } from '@playwright/test'
import { AxeWatcher } from './axe.js'

export interface TestFixtures {
  /**
   * Checks every page the test visits with axe, on its own: pages of the test's context and of any
   * context the test opens with `browser.newContext()` (closed for it at the end, once their pages
   * are checked). The test fails listing each page's violations. `await axe.settle()` checks the
   * pages open now and returns every result so far, to assert on them mid-test.
   */
  axe: AxeWatcher
}

interface WorkerFixtures {
  /** A context with JavaScript on, where the axe check re-renders pages from contexts with it off. */
  axeScratchContext: BrowserContext
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  axeScratchContext: [
    async ({ browser }, use) => {
      const scratch = await browser.newContext({ javaScriptEnabled: true })
      await use(scratch)
      await scratch.close()
    },
    { scope: 'worker' },
  ],

  axe: [
    // `page` too, so the test's page is watched, its handler in place, before the test begins.
    async ({ browser, context, page: _page, axeScratchContext }, use, testInfo) => {
      const watcher = new AxeWatcher(axeScratchContext)
      watcher.watch(context)
      const opened: BrowserContext[] = []
      const onContext = (created: BrowserContext) => {
        opened.push(created)
        watcher.watch(created)
      }
      browser.on('context', onContext)
      await watcher.ready()

      await use(watcher)

      browser.off('context', onContext)
      const results = await watcher.settle()
      await Promise.all(opened.map(created => created.close()))
      await testInfo.attach('axe-results.json', {
        body: JSON.stringify(results, null, 2),
        contentType: 'application/json',
      })
      const report = watcher.report()
      if (report) throw new Error(report)
    },
    { auto: true },
  ],
})

export { expect }
