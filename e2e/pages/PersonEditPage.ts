import type { Locator, Page } from '@playwright/test'
import { ErrorSummary } from './ErrorSummary.js'
import { PersonFields } from './PersonFields.js'

/** Change a person's details; if someone else saved first, what they saved is shown beside what was typed. */
export class PersonEditPage {
  readonly heading: Locator
  readonly person: PersonFields
  readonly saveButton: Locator
  readonly errorSummary: ErrorSummary
  /** What someone else saved meanwhile: the error summary links to it. */
  readonly savedBySomeoneElse: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Change details' })
    this.person = new PersonFields(page)
    this.saveButton = page.getByRole('button', { name: 'Save changes' })
    this.errorSummary = new ErrorSummary(page)
    // An inset text has no role: it is found by the heading it carries.
    this.savedBySomeoneElse = page
      .locator('.govuk-inset-text')
      .filter({ has: page.getByRole('heading', { name: 'Details saved by someone else' }) })
  }

  /** A value in what someone else saved, by its key ("First language"). */
  savedValue(key: string): Locator {
    return this.savedBySomeoneElse
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.getByRole('term').filter({ hasText: key }) })
      .getByRole('definition')
  }
}
