import type { Locator, Page } from '@playwright/test'

/** The GOV.UK error pages: 403, 404, 500 and the rest share one template. */
export class ErrorPage {
  readonly heading: Locator
  readonly homeLink: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.homeLink = page.getByRole('main').getByRole('link', { name: 'Go to your home page' })
  }

  /** Opens a path and returns the HTTP status it answered with. */
  async goto(path: string): Promise<number | undefined> {
    const response = await this.page.goto(path)
    return response?.status()
  }
}
