import type { Locator, Page } from '@playwright/test'
import { AddressFields, type Address } from './AddressFields.js'
import { FamilyPage } from './FamilyPage.js'

/** Start a family record: the family's name and address; each person is added next. */
export class NewFamilyPage {
  readonly heading: Locator
  readonly name: Locator
  readonly address: AddressFields
  readonly startButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Start a family record' })
    this.name = page.getByLabel('Family name', { exact: true })
    this.address = new AddressFields(page.getByRole('group', { name: 'Address (optional)' }))
    this.startButton = page.getByRole('button', { name: 'Start the family record' })
  }

  async goto(): Promise<void> {
    await this.page.goto('/families/new')
  }

  async start(name: string, address?: Address): Promise<FamilyPage> {
    await this.name.fill(name)
    if (address) await this.address.fill(address)
    await this.startButton.click()
    return new FamilyPage(this.page)
  }
}
