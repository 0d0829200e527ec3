import type { Locator, Page } from '@playwright/test'

/** One relationship, read as the form reads it: `person` is the `type` of `related`. */
export interface Relationship {
  /** As the Person select lists them: "Kirsty Coulson (parent)". */
  person: string
  /** As the "is the" select reads: 'mother', 'father', 'sibling', 'ex-partner'… */
  type: string
  related: string
  livesTogether: boolean
  parentalResponsibility?: boolean
}

/** Record a relationship between two members of a family. */
export class RelationshipPage {
  readonly heading: Locator
  readonly person: Locator
  readonly type: Locator
  readonly related: Locator
  readonly livesTogetherGroup: Locator
  readonly parentalResponsibilityGroup: Locator
  readonly recordButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Record a relationship' })
    this.person = page.getByLabel('Person', { exact: true })
    this.type = page.getByLabel('is the', { exact: true })
    this.related = page.getByLabel('of', { exact: true })
    this.livesTogetherGroup = page.getByRole('group', { name: 'Do they live together?' })
    this.parentalResponsibilityGroup = page.getByRole('group', {
      name: 'Does the first person have parental responsibility for the second?',
    })
    this.recordButton = page.getByRole('button', { name: 'Record the relationship' })
  }

  async record(relationship: Relationship): Promise<void> {
    await this.person.selectOption({ label: relationship.person })
    await this.type.selectOption({ label: relationship.type })
    await this.related.selectOption({ label: relationship.related })
    await this.livesTogetherGroup
      .getByRole('radio', { name: relationship.livesTogether ? 'Yes' : 'No', exact: true })
      .check()
    if (relationship.parentalResponsibility !== undefined) {
      await this.parentalResponsibilityGroup
        .getByRole('radio', { name: relationship.parentalResponsibility ? 'Yes' : 'No', exact: true })
        .check()
    }
    await this.recordButton.click()
  }
}
