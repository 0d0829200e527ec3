import type { Locator, Page } from '@playwright/test'
import { DateInput, type DateParts } from './DateInput.js'

export interface RequestSubject {
  givenName: string
  familyName: string
  /** As the form's list says it: Child, Unborn child, Parent, Carer, Other adult. */
  role: string
  born?: DateParts
}

/** The form a partner (or anyone who asks) fills in: a request for support, a referral or a conversation. */
export class RequestFormPage {
  readonly heading: Locator
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.submit = page.getByRole('button', { name: /^(Send the|Save the conversation)/ })
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/requests/new${query}`)
  }

  /** The boxes of the n-th person (0 first), each inside its own "Person n" group. */
  person(index: number) {
    const group = this.page.getByRole('group', { name: new RegExp(`^Person ${index + 1}( \\(optional\\))?$`) })
    return {
      givenName: group.getByLabel('First name', { exact: true }),
      familyName: group.getByLabel('Last name', { exact: true }),
      role: group.getByLabel('Who they are in the family', { exact: true }),
      born: new DateInput(group.getByRole('group', { name: /^Date of birth/ })),
    }
  }

  async fillSubjects(subjects: RequestSubject[]): Promise<void> {
    for (const [index, subject] of subjects.entries()) {
      const boxes = this.person(index)
      await boxes.givenName.fill(subject.givenName)
      await boxes.familyName.fill(subject.familyName)
      await boxes.role.selectOption({ label: subject.role })
      if (subject.born) await boxes.born.fill(subject.born)
    }
  }

  async fill(details: {
    subjects: RequestSubject[]
    area: string
    concerns: string[]
    worries: string
    familyKnows: string
    consentGivenBy: string | null
    safeguardingConcern: boolean
    conversation?: { withWhom: string; agreed: string }
  }): Promise<void> {
    await this.fillSubjects(details.subjects)
    await this.page
      .getByRole('combobox', { name: /Which (locality|cluster|area) does the family live in\?/ })
      .selectOption({ label: details.area })
    for (const concern of details.concerns) await this.page.getByLabel(concern, { exact: true }).check()
    if (details.conversation) {
      await this.page.getByLabel('Who took part in the conversation?').fill(details.conversation.withWhom)
      await this.page.getByLabel('What was agreed?').fill(details.conversation.agreed)
    }
    await this.page.getByLabel('What worries you?', { exact: true }).fill(details.worries)
    await this.page.getByLabel(/What does the family know about this/).fill(details.familyKnows)
    const consent = this.page.getByRole('group', { name: /Has the family consented/ })
    if (details.consentGivenBy) {
      await consent.getByLabel('Yes', { exact: true }).check()
      await this.page.getByLabel('Who in the family gave consent?').fill(details.consentGivenBy)
    } else {
      await consent.getByLabel('They have not been asked yet').check()
    }
    await this.page
      .getByRole('group', { name: 'Is there a safeguarding concern?' })
      .getByLabel(details.safeguardingConcern ? 'Yes' : 'No', { exact: true })
      .check()
  }
}

/** One request, referral or conversation: who it is about, where it stands, and the front door's buttons. */
export class RequestPage {
  readonly heading: Locator
  readonly status: Locator
  readonly outcome: Locator
  readonly successBanner: Locator
  readonly linkButton: Locator
  readonly decisionButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.status = page.getByRole('main').locator('.govuk-tag').first()
    this.outcome = page.getByTestId('outcome')
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.linkButton = page.getByRole('button', { name: 'Link to the family’s records' })
    this.decisionButton = page.getByRole('button', { name: 'Record the decision' })
  }
}

/** The front door's queue. */
export class FrontDoorPage {
  readonly heading: Locator
  readonly queue: Locator
  readonly overdueSummary: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.queue = page.getByRole('table')
    this.overdueSummary = page.getByTestId('overdue-summary')
  }

  async goto(): Promise<void> {
    await this.page.goto('/front-door')
  }

  row(subjects: string): Locator {
    return this.queue.getByRole('row').filter({ has: this.page.getByRole('link', { name: subjects }) })
  }
}

/** Linking a request's people to the council's records: a record or a new one for each, then the family. */
export class LinkRecordsPage {
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.submit = page.getByRole('button', { name: 'Link the records' })
  }

  async makeEverythingNew(): Promise<void> {
    for (const radio of await this.page.getByRole('radio', { name: /^Make a new (record for|family record)/ }).all())
      await radio.check()
  }
}

/** The front door's decision on a request. */
export class FrontDoorDecisionPage {
  readonly submit: Locator
  readonly reason: Locator

  constructor(readonly page: Page) {
    this.submit = page.getByRole('button', { name: 'Record the decision' })
    this.reason = page.getByLabel('Reason for the decision')
  }

  async decide(outcome: string, reason: string, area?: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Decision' }).getByLabel(outcome, { exact: true }).check()
    if (area) await this.page.getByLabel(/ of the /).selectOption({ label: area })
    await this.reason.fill(reason)
    await this.submit.click()
  }
}
