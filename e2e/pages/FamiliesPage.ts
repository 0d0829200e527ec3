import type { Locator, Page } from '@playwright/test'
import { FamilyPage } from './FamilyPage.js'

/** The families a user may see. */
export class FamiliesPage {
  readonly heading: Locator
  readonly table: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Families' })
    this.table = page.getByRole('table')
  }

  async goto(): Promise<void> {
    await this.page.goto('/families')
  }

  familyLink(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true })
  }

  async openFamily(name: string): Promise<FamilyPage> {
    await this.familyLink(name).click()
    return new FamilyPage(this.page)
  }
}
