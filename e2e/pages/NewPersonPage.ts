import type { Locator, Page } from '@playwright/test'
import { AddressFields, type Address } from './AddressFields.js'
import { ErrorSummary } from './ErrorSummary.js'
import { PersonFields, type PersonDetails } from './PersonFields.js'

/** A new family member: their details, their place in the family, and their address if not the family's. */
export interface NewMember extends PersonDetails {
  /** As the "Role in the family" radios read: 'Parent', 'Child', 'Unborn child', 'Carer', 'Other adult'. */
  role: string
  livesInHousehold: boolean
  address?: Address
}

/** Add a person to a family: the duplicate check runs when it is sent. */
export class NewPersonPage {
  readonly heading: Locator
  readonly person: PersonFields
  readonly roleGroup: Locator
  readonly livesInHouseholdGroup: Locator
  readonly ownAddress: AddressFields
  readonly checkAndAddButton: Locator
  readonly errorSummary: ErrorSummary

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Add a person' })
    this.person = new PersonFields(page)
    this.roleGroup = page.getByRole('group', { name: 'Role in the family' })
    this.livesInHouseholdGroup = page.getByRole('group', { name: 'Do they live in the household?' })
    this.ownAddress = new AddressFields(
      page.getByRole('group', { name: 'Their address, if not the family’s (optional)' }),
    )
    this.checkAndAddButton = page.getByRole('button', { name: 'Check and add' })
    this.errorSummary = new ErrorSummary(page)
  }

  role(label: string): Locator {
    return this.roleGroup.getByRole('radio', { name: label, exact: true })
  }

  livesInHousehold(answer: 'Yes' | 'No'): Locator {
    return this.livesInHouseholdGroup.getByRole('radio', { name: answer, exact: true })
  }

  async fill(member: NewMember): Promise<void> {
    await this.person.fill(member)
    await this.role(member.role).check()
    await this.livesInHousehold(member.livesInHousehold ? 'Yes' : 'No').check()
    if (member.address) await this.ownAddress.fill(member.address)
  }

  /** Sends the form: the family's page follows, or the duplicate check's, or the form again with its problems. */
  async checkAndAdd(): Promise<void> {
    await this.checkAndAddButton.click()
  }
}
