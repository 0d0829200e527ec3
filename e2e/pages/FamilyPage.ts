import type { Locator, Page } from '@playwright/test'
import { PersonPage } from './PersonPage.js'

/** One family and its members. */
export class FamilyPage {
  readonly heading: Locator
  readonly members: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.members = page.getByRole('table', { name: 'Family members' })
  }

  memberLink(name: string): Locator {
    return this.members.getByRole('link', { name, exact: true })
  }

  async openPerson(name: string): Promise<PersonPage> {
    await this.memberLink(name).click()
    return new PersonPage(this.page)
  }
}
