import type { Locator, Page } from '@playwright/test'

/** The access log: who viewed or changed whose record, searched by person or by user. */
export class AccessLogPage {
  readonly heading: Locator
  readonly personInput: Locator
  readonly userSelect: Locator
  readonly searchButton: Locator
  readonly results: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Access log' })
    this.personInput = page.getByLabel('Person’s name')
    this.userSelect = page.getByLabel('User', { exact: true })
    this.searchButton = page.getByRole('button', { name: 'Search' })
    this.results = page.getByRole('table')
  }

  async goto(): Promise<void> {
    await this.page.goto('/access-log')
  }

  async searchByPerson(name: string): Promise<void> {
    await this.personInput.fill(name)
    await this.searchButton.click()
  }
}
