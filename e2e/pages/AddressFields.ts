import type { Locator, Page } from '@playwright/test'

/** An address, as the GOV.UK address pattern asks for it (the same fields on every form that takes one). */
export interface Address {
  line1: string
  line2?: string
  town?: string
  postcode: string
}

/** The address fields of a form: within their fieldset, found by its legend, or the page's only ones. */
export class AddressFields {
  readonly line1: Locator
  readonly line2: Locator
  readonly town: Locator
  readonly postcode: Locator

  constructor(scope: Page | Locator) {
    this.line1 = scope.getByLabel('Address line 1', { exact: true })
    this.line2 = scope.getByLabel('Address line 2 (optional)', { exact: true })
    this.town = scope.getByLabel('Town or city', { exact: true })
    this.postcode = scope.getByLabel('Postcode', { exact: true })
  }

  async fill(address: Address): Promise<void> {
    await this.line1.fill(address.line1)
    if (address.line2 !== undefined) await this.line2.fill(address.line2)
    if (address.town !== undefined) await this.town.fill(address.town)
    await this.postcode.fill(address.postcode)
  }
}
