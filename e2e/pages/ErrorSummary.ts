import type { Locator, Page } from '@playwright/test'

/** The GOV.UK error summary the layout shows above a form that could not be saved. */
export class ErrorSummary {
  readonly summary: Locator
  readonly links: Locator

  constructor(page: Page) {
    this.summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) })
    this.links = this.summary.getByRole('link')
  }

  /** The summary's link for one problem, by its message. */
  link(message: string | RegExp): Locator {
    return this.summary.getByRole('link', { name: message })
  }
}
