import type { Locator, Page } from '@playwright/test'

/** One person, and the families they belong to. */
export class PersonPage {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly changeDetailsLink: Locator
  readonly addNameLink: Locator
  readonly newAddressLink: Locator
  readonly chronologyLink: Locator
  readonly mergeLink: Locator
  readonly restrictionLink: Locator
  readonly addresses: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    const main = page.getByRole('main')
    this.changeDetailsLink = main.getByRole('link', { name: 'Change details', exact: true })
    this.addNameLink = main.getByRole('link', { name: 'Add a previous name or a name they are known by' })
    this.newAddressLink = main.getByRole('link', { name: 'Record a new address' })
    this.chronologyLink = main.getByRole('link', { name: /’s chronology$/ })
    this.mergeLink = main.getByRole('link', { name: 'Merge a duplicate record into this one' })
    this.restrictionLink = main.getByRole('link', { name: /^(Restrict this person|Change or lift the restriction)$/ })
    this.addresses = main.getByRole('table', { name: 'Address history' })
  }

  /** A link to one of the person's families. */
  familyLink(name: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name, exact: true })
  }

  /** The value beside a key in the person's details ("Date of birth", "First language"…). */
  detail(key: string): Locator {
    return this.page
      .getByRole('main')
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
      .getByRole('definition')
  }
}
