import type { Locator, Page } from '@playwright/test'
import { DateInput, type DateParts } from './DateInput.js'

/** What a test types about a person; anything left out keeps the form's default. */
export interface PersonDetails {
  givenName: string
  familyName: string
  /** A date of birth, or an unborn baby's expected date of delivery. */
  born?: { dateOfBirth: DateParts } | { expected: DateParts }
  /** As the Gender radios read: 'Female', 'Male', 'Not known', 'Indeterminate'. */
  gender: string
  nhsNumber?: string
  firstLanguage?: string
}

/** The person's details, which the form to add a person and the form to change their details share. */
export class PersonFields {
  readonly givenName: Locator
  readonly familyName: Locator
  readonly bornGroup: Locator
  readonly dateOfBirth: DateInput
  readonly expectedDate: DateInput
  readonly genderGroup: Locator
  readonly firstLanguage: Locator
  readonly nhsNumber: Locator

  constructor(readonly page: Page) {
    this.givenName = page.getByLabel('First name', { exact: true })
    this.familyName = page.getByLabel('Last name', { exact: true })
    this.bornGroup = page.getByRole('group', { name: 'Has this person been born?' })
    this.dateOfBirth = new DateInput(page.getByRole('group', { name: 'Date of birth', exact: true }))
    this.expectedDate = new DateInput(page.getByRole('group', { name: 'Expected date of delivery', exact: true }))
    this.genderGroup = page.getByRole('group', { name: 'Gender', exact: true })
    this.firstLanguage = page.getByLabel('First language (optional)')
    this.nhsNumber = page.getByLabel('NHS number (optional)')
  }

  /** One of the "Has this person been born?" answers: 'Yes' or 'No, an unborn baby'. */
  bornAnswer(answer: 'Yes' | 'No, an unborn baby'): Locator {
    return this.bornGroup.getByRole('radio', { name: answer, exact: true })
  }

  gender(label: string): Locator {
    return this.genderGroup.getByRole('radio', { name: label, exact: true })
  }

  async fill(person: PersonDetails): Promise<void> {
    await this.givenName.fill(person.givenName)
    await this.familyName.fill(person.familyName)
    if (person.born && 'expected' in person.born) {
      await this.bornAnswer('No, an unborn baby').check()
      await this.expectedDate.fill(person.born.expected)
    } else if (person.born) {
      await this.bornAnswer('Yes').check()
      await this.dateOfBirth.fill(person.born.dateOfBirth)
    }
    await this.gender(person.gender).check()
    if (person.firstLanguage !== undefined) await this.firstLanguage.fill(person.firstLanguage)
    if (person.nhsNumber !== undefined) await this.nhsNumber.fill(person.nhsNumber)
  }
}
