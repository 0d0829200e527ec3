import type { Locator, Page } from '@playwright/test'

/** One person, and the families they belong to. */
export class PersonPage {
  readonly heading: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
  }

  /** A link to one of the person's families. */
  familyLink(name: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name, exact: true })
  }
}
