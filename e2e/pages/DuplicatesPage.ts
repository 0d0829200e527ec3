import type { Locator, Page } from '@playwright/test'

/** The duplicate check's answer: people already known who may be the person being added. */
export class DuplicatesPage {
  readonly heading: Locator
  readonly createNewRecordButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'This person may already be known' })
    this.createNewRecordButton = page.getByRole('button', { name: /^Create a new record for / })
  }

  /** One possible match's card: its name, date of birth, postcode and why it may match. */
  match(name: string): Locator {
    // A GOV.UK summary card has no role of its own: it is found by the heading it carries.
    return this.page
      .locator('.govuk-summary-card')
      .filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) })
  }

  /** The button that adds the match, already known, to the family instead of making a new record. */
  sameAsButton(name: string): Locator {
    return this.page.getByRole('button', { name: `This is the same person: add ${name} to the family` })
  }
}
