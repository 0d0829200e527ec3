import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'

/** WCAG 2.2 AA, which the Public Sector Bodies Accessibility Regulations ask of a council's service. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const CHECKED_ATTRIBUTE = 'data-axe-checked'
const CHECK_TIMEOUT_MS = 15_000
const LOAD_TIMEOUT_MS = 10_000

// GOV.UK Frontend marks a radio or checkbox that reveals a question with aria-expanded, which ARIA 1.2 does not
// list for those roles; GOV.UK keeps it on purpose, as screen readers announce it (alphagov/govuk-frontend#979).
const allowConditionalReveals =
  "axe.configure({ checks: [{ id: 'aria-allowed-attr', options: { radio: ['aria-expanded'], checkbox: ['aria-expanded'] } }] })"

// The axe-core that @axe-core/playwright depends on, injected only where it is not there yet: in
// legacy mode the builder injects it twice per check, and compiling 600 kB again costs ~100 ms a page.
const axeCoreFile = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
  'axe-core/axe.min.js',
)
const axeSource = `if (typeof window.axe === 'undefined') {\n${readFileSync(axeCoreFile, 'utf8')}\n${allowConditionalReveals}\n}`

export interface AxeViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

export interface AxePageResult {
  url: string
  violations: AxeViolation[]
}

/** What the watcher knows of one page. */
interface PageState {
  /** The page's document, as its `domcontentloaded` events tell; `checked` once axe has run on it. */
  document?: { url: string; checked: boolean }
  /** The check under way, if any: one at a time per page. */
  running?: Promise<void>
}

/**
 * Runs axe on every document a test loads in the main frame of a page it watches: a `goto`, a
 * followed link, a submitted form, a redirect. Nothing a test visits escapes the check.
 *
 * The check has to happen before the test leaves the document: once a navigation has started,
 * Chromium holds DevTools' messages to the old document until the new one commits, so it can no
 * longer be read (holding the navigation's request does not help). So the test is stopped at each
 * point where it could leave: every page gets a locator handler for "a document not yet checked",
 * which Playwright runs before the test's next action or web-first assertion there; and the page
 * calls that act without a locator (`goto`, `reload`, `goBack`, `goForward`, `close`, the keyboard,
 * the mouse) check the current document first. Whatever is open when the test ends is checked then.
 * A checked document is marked with an attribute on its <html>, so the page itself says whether it
 * has been. A document that still escapes — left by a navigation the test did not start through
 * these, such as one its own script starts — is reported as a failure, never skipped in silence.
 */
export class AxeWatcher {
  readonly results: AxePageResult[] = []
  readonly problems: string[] = []
  private readonly pages = new Map<Page, PageState>()
  private readonly contexts = new Set<BrowserContext>()
  private readonly registering: Promise<unknown>[] = []

  /**
   * @param scratch a context with JavaScript on, where documents from pages with JavaScript off are
   *   re-rendered (with their scripts blocked) to be checked: axe cannot run where scripts cannot.
   */
  constructor(private readonly scratch: BrowserContext) {}

  /** Watches a context's present and future pages. */
  watch(context: BrowserContext): void {
    if (this.contexts.has(context) || context === this.scratch) return
    this.contexts.add(context)
    context.on('page', page => this.watchPage(page))
    for (const page of context.pages()) this.watchPage(page)
    checkFirst(context, ['close'], () => Promise.all(context.pages().map(page => this.checkPage(page))))
  }

  /** Resolves when every page's locator handler is in place. */
  async ready(): Promise<void> {
    await Promise.all(this.registering)
  }

  /** Checks every open page's document if it has not been, and returns every result so far. */
  async settle(): Promise<AxePageResult[]> {
    await this.ready()
    for (const page of this.pages.keys()) await this.checkPage(page)
    return this.results
  }

  /** The violations and problems, written for a test failure; empty when every page passed. */
  report(): string {
    const failing = this.results.filter(result => result.violations.length)
    const lines: string[] = []
    if (failing.length) {
      lines.push(`Accessibility violations (axe: ${WCAG_TAGS.join(', ')}) on ${failing.length} page(s):`)
      for (const result of failing) {
        lines.push('', result.url)
        for (const violation of result.violations) {
          lines.push(`  - ${violation.id} (${violation.impact}): ${violation.help}`)
          for (const target of violation.targets) lines.push(`      ${target}`)
        }
      }
    }
    if (this.problems.length) {
      lines.push('', 'Pages axe could not check:', ...this.problems.map(problem => `  - ${problem}`))
    }
    return lines.join('\n').trim()
  }

  private watchPage(page: Page): void {
    if (this.pages.has(page)) return
    const state: PageState = {}
    this.pages.set(page, state)
    // A new document in the main frame (same-document navigations do not fire this).
    page.on('domcontentloaded', () => {
      const left = state.document
      if (left && !left.checked) {
        this.problems.push(`${left.url} was left before axe could check it: something navigated without waiting`)
      }
      const url = page.url()
      state.document = url === 'about:blank' ? undefined : { url, checked: false }
    })
    page.on('close', () => {
      if (state.document && !state.document.checked) {
        this.problems.push(`${state.document.url} was closed before axe could check it`)
      }
      this.pages.delete(page)
    })
    const checkThisPage = () => this.checkPage(page)
    checkFirst(page, ['goto', 'reload', 'goBack', 'goForward', 'close'], checkThisPage)
    checkFirst(page.keyboard, ['down', 'press', 'type', 'insertText'], checkThisPage)
    checkFirst(page.mouse, ['click', 'dblclick', 'down'], checkThisPage)
    const registered = page.addLocatorHandler(page.locator(`html:not([${CHECKED_ATTRIBUTE}])`), checkThisPage, {
      // The check marks the document; if it could not, the problem is recorded and the test goes on.
      noWaitAfter: true,
    })
    this.registering.push(
      registered.catch((error: unknown) => {
        if (!page.isClosed()) this.problems.push(`Could not watch a page: ${message(error)}`)
      }),
    )
  }

  /** Checks the page's current document once it has loaded, unless it has been checked already. */
  private async checkPage(page: Page): Promise<void> {
    const state = this.pages.get(page)
    if (!state) return
    while (state.running) await state.running
    if (page.isClosed()) return
    state.running = this.checkCurrentDocument(page, state).finally(() => {
      state.running = undefined
    })
    await state.running
  }

  private async checkCurrentDocument(page: Page, state: PageState): Promise<void> {
    const current = await loadedDocument(page)
    if (!current || current.checked || current.url === 'about:blank') return
    await this.check(page, current.url)
    // The page has finished loading, so its `domcontentloaded` event has reached us: state.document is
    // this document (its address may since have gained a #fragment).
    if (state.document && withoutFragment(state.document.url) === withoutFragment(current.url)) {
      state.document.checked = true
    }
  }

  private async check(page: Page, url: string): Promise<void> {
    try {
      const analysis = (async () => {
        const target = (await scriptsRun(page)) ? page : await this.rendererWithScripts(page, url)
        try {
          return await new AxeBuilder({ page: target, axeSource })
            .withTags(WCAG_TAGS)
            // axe.run in the page itself: none of our pages has a frame from another origin, and the
            // default (runPartial, then finishRun in a new blank page) costs a page per check.
            .setLegacyMode(true)
            .analyze()
        } finally {
          if (target !== page) await target.close()
        }
      })()
      const results = await withTimeout(analysis, CHECK_TIMEOUT_MS, `axe took longer than ${CHECK_TIMEOUT_MS} ms`)
      this.results.push({
        url,
        violations: results.violations.map(violation => ({
          id: violation.id,
          impact: violation.impact ?? 'unknown',
          help: violation.help,
          targets: violation.nodes.map(node => node.target.join(' ')),
        })),
      })
    } catch (error) {
      this.problems.push(`${url}: ${message(error)}`)
    } finally {
      await page.evaluate(`document.documentElement.setAttribute('${CHECKED_ATTRIBUTE}', '')`).catch(() => undefined)
    }
  }

  /**
   * The document of a page whose scripts are off, opened at its own address in the scratch context
   * with every script blocked, so axe can run there and see what the user saw.
   */
  private async rendererWithScripts(page: Page, url: string): Promise<Page> {
    const html = await page.content()
    const copy = await this.scratch.newPage()
    await copy.setViewportSize(page.viewportSize() ?? { width: 1280, height: 720 })
    await copy.route(
      candidate => candidate.href === url,
      route =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': "script-src 'none'" },
          body: html,
        }),
    )
    await copy.goto(url)
    return copy
  }
}

/**
 * The page's document once it has loaded (read from the page, which may be ahead of the events we
 * have been sent), or undefined if it went away meanwhile. Polled from here rather than awaited in
 * the page, where a page with JavaScript off would never run the callback.
 */
async function loadedDocument(page: Page): Promise<{ url: string; checked: boolean } | undefined> {
  const deadline = Date.now() + LOAD_TIMEOUT_MS
  for (;;) {
    const document = (await page
      .evaluate(
        `({ readyState: document.readyState, url: location.href, checked: document.documentElement.hasAttribute('${CHECKED_ATTRIBUTE}') })`,
      )
      .catch(() => undefined)) as { readyState: string; url: string; checked: boolean } | undefined
    if (!document) return undefined
    if (document.readyState === 'complete' || Date.now() > deadline) return document
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/**
 * Whether scripts run in the page. With scripting off, the HTML parser builds elements inside
 * <noscript>; with it on, it keeps them as text: a test that needs no timer, which would never fire.
 */
async function scriptsRun(page: Page): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const probe = document.createElement('div')
    probe.innerHTML = '<noscript><p></p></noscript>'
    return probe.querySelector('noscript').children.length === 0
  })()`)) as boolean
}

/**
 * Makes an object's methods check the current document before they run. Playwright has no hook
 * before a navigation that would let the test wait, so the calls that can start one are wrapped.
 */
function checkFirst<T extends object>(target: T, methods: (keyof T & string)[], before: () => Promise<unknown>): void {
  for (const name of methods) {
    const original = target[name]
    if (typeof original !== 'function') throw new Error(`Cannot check before ${name}: it is not a method`)
    Object.defineProperty(target, name, {
      configurable: true,
      value: async (...args: unknown[]) => {
        await before()
        return (original as (...args: unknown[]) => Promise<unknown>).apply(target, args)
      },
    })
  }
}

function withoutFragment(url: string): string {
  return url.split('#')[0] ?? url
}

function message(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
}

async function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
