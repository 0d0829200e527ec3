import type { Locator, Page } from '@playwright/test'
import { DateInput } from './DateInput.js'
import { ErrorSummary } from './ErrorSummary.js'

/** Search people by name (spelling need not be exact), date of birth, NHS number or UPN, and postcode. */
export class SearchPage {
  readonly heading: Locator
  readonly name: Locator
  readonly dateOfBirth: DateInput
  readonly identifier: Locator
  readonly postcode: Locator
  readonly searchButton: Locator
  readonly results: Locator
  readonly noOneFound: Locator
  readonly startFamilyLink: Locator
  readonly errorSummary: ErrorSummary

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Search people' })
    const main = page.getByRole('main')
    this.name = main.getByLabel('Name', { exact: true })
    this.dateOfBirth = new DateInput(main.getByRole('group', { name: 'Date of birth', exact: true }))
    this.identifier = main.getByLabel('NHS number or UPN', { exact: true })
    this.postcode = main.getByLabel('Postcode', { exact: true })
    this.searchButton = main.getByRole('button', { name: 'Search', exact: true })
    this.results = main.getByRole('table', { name: /found$/ })
    this.noOneFound = main.getByRole('heading', { name: 'No one found' })
    this.startFamilyLink = main.getByRole('link', { name: 'Start a family record' })
    this.errorSummary = new ErrorSummary(page)
  }

  async goto(): Promise<void> {
    await this.page.goto('/search')
  }

  async searchByName(name: string): Promise<void> {
    await this.name.fill(name)
    await this.searchButton.click()
  }

  resultLink(name: string): Locator {
    return this.results.getByRole('link', { name, exact: true })
  }
}
