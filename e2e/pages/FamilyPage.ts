import type { Locator, Page } from '@playwright/test'
import { PersonPage } from './PersonPage.js'

/** One family and its members. */
export class FamilyPage {
  readonly heading: Locator
  readonly members: Locator
  /** The success banner after a change: "Person added to the family.", "Relationship recorded."… */
  readonly successBanner: Locator
  readonly restrictedTag: Locator
  readonly addPersonButton: Locator
  readonly recordRelationshipButton: Locator
  /** The genogram, drawn as an SVG image named by its title and described in a sentence. */
  readonly genogram: Locator
  readonly relationships: Locator
  readonly chronologyLink: Locator
  readonly consentLink: Locator
  readonly restrictionLink: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    // The table under the "Family members" heading; its caption, for screen readers only, names it.
    this.members = page.getByRole('table', { name: 'Who is in the family now' })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.restrictedTag = this.heading.getByText('Restricted', { exact: true })
    // GOV.UK buttons made of links: role button, as a screen reader announces them.
    this.addPersonButton = page.getByRole('button', { name: 'Add a person' })
    this.recordRelationshipButton = page.getByRole('button', { name: 'Record a relationship' })
    this.genogram = page.getByRole('img', { name: /^Genogram of the / })
    this.relationships = page.getByRole('table', { name: 'Relationships' })
    const main = page.getByRole('main')
    this.chronologyLink = main.getByRole('navigation', { name: 'This family’s records' }).getByRole('link', {
      name: 'Chronology',
    })
    this.consentLink = main.getByRole('link', { name: /^See all consent/ })
    this.restrictionLink = main.getByRole('link', { name: /^(Restrict this family|Change or lift the restriction)$/ })
  }

  memberLink(name: string): Locator {
    return this.members.getByRole('link', { name, exact: true })
  }

  /** A current member's row, by their name. */
  memberRow(name: string): Locator {
    return this.members.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) })
  }

  /** The link to record that a member left the family. */
  leaveLink(name: string): Locator {
    return this.members.getByRole('link', { name: `Record that they left – ${name}` })
  }

  /** A row of the relationships table, which reads "Kirsty Coulson | is the mother of | Amelia Coulson | Yes | Yes". */
  relationshipRow(person: string, type: string, related: string): Locator {
    const name = new RegExp(
      `^${escapeRegExp(person)} is the ${escapeRegExp(type)} of ${escapeRegExp(related)} (Yes|No)`,
    )
    return this.relationships.getByRole('row', { name })
  }

  async openPerson(name: string): Promise<PersonPage> {
    await this.memberLink(name).click()
    return new PersonPage(this.page)
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
