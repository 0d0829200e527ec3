import type { Locator, Page } from '@playwright/test'
import { DateInput, type DateParts } from './DateInput.js'
import { ErrorSummary } from './ErrorSummary.js'

// The pages of working an allocated case (issue 8): the case page, allocation, the agreement, progression tools, the
// assessment and the manager's decision, Team Around the Family meetings, the plan and its versions, the visit
// frequency, sessions (PARA) and management oversight. Labels are Derby's words where the model names things.

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
const longFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

/** Today as the server counts days (UK time), as an ISO date: '2026-12-05'. */
export function ukToday(): string {
  return ukDay.format(new Date())
}

/** An ISO date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** An ISO date in the boxes of a GOV.UK date input. */
export function partsOf(isoDate: string): DateParts {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  return { day: String(day), month: String(month), year: String(year) }
}

/** An ISO date as the pages show it: '5 December 2026'. */
export function longDate(isoDate: string): string {
  return longFormat.format(new Date(`${isoDate}T12:00:00Z`))
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The episode's case page: where the case is, what is due next, the plan in figures, and what has happened. */
export class CasePage {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly pathwayHeading: Locator
  /** The GOV.UK task list under "Where the case is". */
  readonly pathway: Locator
  readonly dueNextHeading: Locator
  readonly dueNext: Locator
  readonly lastOversight: Locator
  readonly oversightLink: Locator
  readonly planSummary: Locator
  readonly agreement: Locator
  readonly allocateLink: Locator
  /** The MoJ timeline under "What has happened": the case's latest chronology entries, newest first. */
  readonly timeline: Locator

  constructor(readonly page: Page) {
    const main = page.getByRole('main')
    this.heading = main.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.pathwayHeading = main.getByRole('heading', { level: 2, name: 'Where the case is' })
    this.pathway = page.getByTestId('pathway')
    this.dueNextHeading = main.getByRole('heading', { level: 2, name: 'Due next' })
    this.dueNext = page.getByTestId('due-next')
    this.lastOversight = page.getByTestId('last-oversight')
    this.oversightLink = main.getByRole('link', { name: 'Oversight and supervision of the case' })
    this.planSummary = page.getByTestId('plan-summary')
    this.agreement = page.getByTestId('agreement')
    this.allocateLink = main.getByRole('link', { name: 'Allocate a worker' })
    // The timeline component has no role of its own; its class is the only name it has.
    this.timeline = main.locator('.moj-timeline')
  }

  async goto(episodeUrl: string): Promise<void> {
    await this.page.goto(episodeUrl)
  }

  /** One step of the task list, by its title. */
  task(title: string): Locator {
    return this.pathway.getByRole('listitem').filter({ has: this.page.getByText(title, { exact: true }) })
  }

  /** The status a step shows: "Completed", "To do", "Due soon", "Overdue", "In progress", "Cannot start yet". */
  taskStatus(title: string): Locator {
    // The GOV.UK task list gives the status no role; it is the item's status cell.
    return this.task(title).locator('.govuk-task-list__status')
  }

  /** Follows a step's link, as a worker picks the next thing to do. */
  async openTask(title: string): Promise<void> {
    await this.pathway.getByRole('link', { name: title, exact: true }).click()
  }
}

/** The team manager's allocation form. */
export class AllocatePage {
  readonly worker: Locator
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.worker = page.getByLabel('Worker', { exact: true })
    this.submit = page.getByRole('button', { name: 'Allocate', exact: true })
  }

  async allocate(workerOption: string): Promise<void> {
    await this.worker.selectOption({ label: workerOption })
    await this.submit.click()
  }
}

/** The early help agreement: who in the family signed it, when and how. */
export class AgreementPage {
  readonly signers: Locator
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.signers = page.getByRole('group', { name: 'Who in the family signed it?' })
    this.submit = page.getByRole('button', { name: 'Save the agreement' })
  }

  async record(signedBy: string[]): Promise<void> {
    for (const name of signedBy) await this.signers.getByLabel(name, { exact: true }).check()
    await this.submit.click()
  }
}

/** What the whole-family assessment says, as the worker writes it. */
export interface AssessmentText {
  /** Sections written for the whole family, by their label. */
  family: Record<string, string>
  /** Sections written for each child: section label → child's name → text. */
  eachChild: Record<string, Record<string, string>>
  /** Each parent's view, by "Name (relation)" as the form labels it; an empty text leaves it blank. */
  parentViews: Record<string, string>
  needs: { description: string; outcomeArea: string }[]
}

/** Starting an assessment, then writing it: its sections, each parent's view, and the identified needs. */
export class AssessmentEditPage {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly errorSummary: ErrorSummary
  readonly completingAgency: Locator
  readonly startButton: Locator
  readonly submitButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.errorSummary = new ErrorSummary(page)
    this.completingAgency = page.getByLabel('Completing agency', { exact: true })
    this.startButton = page.getByRole('button', { name: 'Start the assessment' })
    this.submitButton = page.getByRole('button', { name: 'Save and submit for approval' })
  }

  typeOption(label: string): Locator {
    return this.page.getByRole('group', { name: 'Type of assessment' }).getByLabel(label, { exact: true })
  }

  /** A section written once for the whole family, by its label. */
  familySection(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  /** A section's box for one child: the section is a group named by its label, each child's box by their name. */
  childSection(section: string, child: string): Locator {
    return this.page.getByRole('group', { name: section, exact: true }).getByLabel(child, { exact: true })
  }

  /** A parent's view, by "Name (relation)": "Daniel Ashworth (father)". */
  parentView(parent: string): Locator {
    return this.page.getByLabel(`${parent}: their view`, { exact: true })
  }

  /** Why a parent's view could not be recorded, by their name. */
  notRecordedReason(name: string): Locator {
    return this.page.getByLabel(`Why ${name}’s view could not be recorded`, { exact: true })
  }

  needDescription(n: number): Locator {
    return this.page.getByLabel(`Description of need ${n}`, { exact: true })
  }

  needOutcomeArea(n: number): Locator {
    return this.page.getByLabel(`Outcome area of need ${n}`, { exact: true })
  }

  async fill(text: AssessmentText): Promise<void> {
    for (const [section, value] of Object.entries(text.family)) await this.familySection(section).fill(value)
    for (const [section, children] of Object.entries(text.eachChild))
      for (const [child, value] of Object.entries(children)) await this.childSection(section, child).fill(value)
    for (const [parent, value] of Object.entries(text.parentViews)) await this.parentView(parent).fill(value)
    for (const [index, need] of text.needs.entries()) {
      await this.needDescription(index + 1).fill(need.description)
      await this.needOutcomeArea(index + 1).selectOption({ label: need.outcomeArea })
    }
  }
}

/** One assessment as it stands, and the manager's decision form. */
export class AssessmentPage {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly status: Locator
  readonly decisionButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.status = page.getByTestId('assessment-status')
    this.decisionButton = page.getByRole('button', { name: 'Approve or return the assessment' })
  }

  async decide(decision: 'Approve the assessment' | 'Return it to the worker for changes', comments: string) {
    await this.page.getByRole('group', { name: 'Your decision' }).getByLabel(decision, { exact: true }).check()
    await this.page.getByLabel('Comments', { exact: true }).fill(comments)
    await this.page.getByRole('button', { name: 'Save the decision' }).click()
  }
}

/** Who took part in a meeting and how: an invitee by name, and anyone else with their agency. */
export interface Person {
  name: string
  agency: string
}

/** A Team Around the Family meeting: the list, planning one, the meeting itself, and recording it as held. */
export class TafMeetingPages {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly errorSummary: ErrorSummary
  readonly planButton: Locator
  readonly recordHeldButton: Locator
  /** On an initial meeting still missing the agreement or the baseline tool: what it needs. */
  readonly missing: Locator
  readonly attendees: Locator
  readonly minutes: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.errorSummary = new ErrorSummary(page)
    this.planButton = page.getByRole('button', { name: 'Plan a Team Around the Family meeting' })
    // A button-styled link on the meeting page, the form's submit button on the held page.
    this.recordHeldButton = page.getByRole('button', { name: 'Record as held' })
    this.missing = page.getByTestId('missing')
    this.attendees = page.getByRole('table', { name: 'Who was invited and whether they attended' })
    this.minutes = page.getByTestId('minutes')
  }

  async plan(meeting: {
    kind: 'Initial meeting' | 'Review meeting'
    on: string
    venue: string
    family: string[]
    professionals: string[]
    others?: Person[]
  }): Promise<void> {
    await this.planButton.click()
    const kind = this.page
      .getByRole('group', { name: 'Which meeting is it?' })
      .getByLabel(meeting.kind, { exact: true })
    await kind.check()
    await new DateInput(this.page.getByRole('group', { name: 'When is it?' })).fill(partsOf(meeting.on))
    await this.page.getByLabel('Venue (optional)', { exact: true }).fill(meeting.venue)
    const family = this.page.getByRole('group', { name: 'Who in the family is invited?' })
    for (const name of meeting.family) await family.getByLabel(name, { exact: true }).check()
    const professionals = this.page.getByRole('group', { name: 'Which professionals are invited?' })
    for (const name of meeting.professionals) await professionals.getByLabel(name, { exact: true }).check()
    for (const [index, other] of (meeting.others ?? []).entries()) {
      await this.page.getByLabel(`Name of person ${index + 1}`, { exact: true }).fill(other.name)
      await this.page.getByLabel(`Agency of person ${index + 1}`, { exact: true }).fill(other.agency)
    }
    await this.page.getByRole('button', { name: 'Plan the meeting' }).click()
  }

  /** On the held form: the attendance radios of an invitee, a group named "Name (family)" or "Name (agency)". */
  attendance(name: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^${escapeRegExp(name)} \\(`) })
  }

  async recordHeld(held: {
    attendance: Record<string, 'Attended' | 'Sent apologies' | 'Did not attend'>
    alsoCame?: Person[]
    minutes: string
    progress?: string
  }): Promise<void> {
    for (const [name, choice] of Object.entries(held.attendance))
      await this.attendance(name).getByLabel(choice, { exact: true }).check()
    for (const [index, other] of (held.alsoCame ?? []).entries()) {
      await this.page.getByLabel(`Name of person ${index + 1} who also attended`, { exact: true }).fill(other.name)
      await this.page.getByLabel(`Agency of person ${index + 1} who also attended`, { exact: true }).fill(other.agency)
    }
    await this.page.getByLabel('Minutes', { exact: true }).fill(held.minutes)
    if (held.progress !== undefined)
      await this.page.getByLabel('Progress discussed against the plan', { exact: true }).fill(held.progress)
    await this.recordHeldButton.click()
  }
}

/** A SMART outcome of the plan, as the outcome form takes it. */
export interface Outcome {
  outcome: string
  measure: string
  by: string
  area: string
  /** The identified needs it answers, by their description. */
  needs: string[]
}

/** An action towards an outcome: what, who (a name among the radios, or someone else), by when. */
export interface Action {
  action: string
  who: string | Person
  by: string
}

/** The plan in force, its versions, the outcome and action forms, what changed in a version, and the family's copy. */
export class PlanPages {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly noPlan: Locator
  readonly createButton: Locator
  /** The plan's details: its version, since when it is in force, where it started, when last changed. */
  readonly details: Locator
  readonly versions: Locator
  readonly printLink: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.noPlan = page.getByTestId('no-plan')
    this.createButton = page.getByRole('button', { name: 'Create the plan' })
    this.details = page.getByRole('main').locator('.govuk-summary-list').first()
    this.versions = page.getByRole('table', { name: 'Versions of the plan, the newest first' })
    this.printLink = page.getByRole('link', { name: 'The family’s copy of the plan, to print' })
  }

  /** The row of the plan's details with this key: "Version", "In force since", "Started at", "Last changed". */
  detail(key: string): Locator {
    return this.details.locator('.govuk-summary-list__row').filter({ has: this.page.getByText(key, { exact: true }) })
  }

  /** An outcome's section, "Outcome 1", with its details and its actions. */
  outcome(n: number): Locator {
    return this.page.getByRole('region', { name: `Outcome ${n}`, exact: true })
  }

  async addOutcome(outcome: Outcome): Promise<void> {
    await this.page.getByRole('link', { name: 'Add an outcome', exact: true }).click()
    await this.page.getByLabel('What will be different for the family?', { exact: true }).fill(outcome.outcome)
    await this.page.getByLabel('How will we know it has happened?', { exact: true }).fill(outcome.measure)
    await new DateInput(this.page.getByRole('group', { name: 'By when?' })).fill(partsOf(outcome.by))
    await this.page.getByLabel('Outcome area (optional)', { exact: true }).selectOption({ label: outcome.area })
    const needs = this.page.getByRole('group', { name: 'Which identified needs does it answer?' })
    for (const need of outcome.needs) await needs.getByLabel(need, { exact: true }).check()
    await this.page.getByRole('button', { name: 'Add the outcome' }).click()
  }

  /** Adds an action from the outcome's own "Add an action" link, which chooses the outcome already. */
  async addAction(outcome: number, action: Action): Promise<void> {
    await this.page.getByRole('link', { name: `Add an action towards outcome ${outcome}`, exact: true }).click()
    await this.page.getByLabel('What will be done?', { exact: true }).fill(action.action)
    const who = this.page.getByRole('group', { name: 'Who will do it?' })
    if (typeof action.who === 'string') await who.getByLabel(action.who, { exact: true }).check()
    else {
      await who.getByLabel('Someone else', { exact: true }).check()
      await this.page.getByLabel('Name of the person or agency', { exact: true }).fill(action.who.name)
      await this.page.getByLabel('Their agency or organisation (optional)', { exact: true }).fill(action.who.agency)
    }
    await new DateInput(this.page.getByRole('group', { name: 'By when?' })).fill(partsOf(action.by))
    await this.page.getByRole('button', { name: 'Add the action' }).click()
  }

  /** Changes how an action stands, from its "Change" link in the outcome's table of actions. */
  async changeActionStatus(
    outcome: number,
    action: number,
    status: 'Not started' | 'In progress' | 'Done' | 'Not done',
  ): Promise<void> {
    await this.page.getByRole('link', { name: `Change action ${action} of outcome ${outcome}`, exact: true }).click()
    await this.page
      .getByRole('group', { name: 'How does the action stand?' })
      .getByLabel(status, { exact: true })
      .check()
    await this.page.getByRole('button', { name: 'Save the action' }).click()
  }

  /** The link from the versions table to what changed in a version. */
  changesLink(version: number): Locator {
    return this.versions.getByRole('link', { name: `What changed in version ${version}`, exact: true })
  }
}

/** What changed in one version of the plan from the one before. */
export class PlanChangesPage {
  readonly heading: Locator
  readonly summary: Locator
  readonly outcomeChanges: Locator
  readonly actionChanges: Locator
  readonly outcomesUnchanged: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.summary = page.getByTestId('changes-summary')
    this.outcomeChanges = page.getByTestId('outcome-change')
    this.actionChanges = page.getByTestId('action-change')
    this.outcomesUnchanged = page.getByTestId('outcome-unchanged')
  }

  /** An action's change, by the action's words: its heading reads "Changed: …", "Added: …" or "Removed: …". */
  actionChange(action: string): Locator {
    return this.actionChanges.filter({ has: this.page.getByRole('heading', { name: action }) })
  }
}

/** The family's printable copy of the plan. */
export class PlanPrintPage {
  readonly heading: Locator
  readonly family: Locator
  readonly whoHelps: Locator
  readonly goals: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.family = page.getByTestId('family')
    this.whoHelps = page.getByTestId('who-helps')
    this.goals = page.getByTestId('goal')
  }
}

/** A session as the PARA form takes it. */
export interface Session {
  kind: string
  seen: string[]
  seenAlone: string[]
  outcomes: string[]
  purpose: string
  action: string
  reflection: string
  analysis: string
}

/** Sessions with the family, the visit frequency they are measured against, and the session form. */
export class SessionPages {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly visitFrequency: Locator
  readonly recordButton: Locator
  readonly sessions: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.visitFrequency = page.getByTestId('visit-frequency')
    this.recordButton = page.getByRole('button', { name: 'Record a session' })
    this.sessions = page.getByRole('table', { name: 'Sessions, newest first' })
  }

  async agreeFrequency(interval: string, notes: string): Promise<void> {
    await this.page
      .getByRole('group', { name: 'How often will the family be seen?' })
      .getByLabel(interval, { exact: true })
      .check()
    await this.page.getByLabel('Who agreed it, and notes (optional)', { exact: true }).fill(notes)
    await this.page.getByRole('button', { name: 'Save the visit frequency' }).click()
  }

  async record(session: Session): Promise<void> {
    await this.recordButton.click()
    const page = this.page
    await page
      .getByRole('group', { name: 'What type of session was it?' })
      .getByLabel(session.kind, { exact: true })
      .check()
    const seen = page.getByRole('group', { name: 'Who was seen?' })
    for (const name of session.seen) await seen.getByLabel(name, { exact: true }).check()
    const alone = page.getByRole('group', { name: 'Which children were seen alone?' })
    for (const name of session.seenAlone) await alone.getByLabel(name, { exact: true }).check()
    const outcomes = page.getByRole('group', { name: 'Which outcomes of the plan did it work towards?' })
    for (const outcome of session.outcomes) await outcomes.getByLabel(outcome, { exact: true }).check()
    await page.getByLabel('Purpose', { exact: true }).fill(session.purpose)
    await page.getByLabel('Action', { exact: true }).fill(session.action)
    await page.getByLabel('Reflection', { exact: true }).fill(session.reflection)
    await page.getByLabel('Analysis', { exact: true }).fill(session.analysis)
    await page.getByRole('button', { name: 'Save the session' }).click()
  }
}

/** Management oversight of the case: the entries and the form a manager records one with. */
export class OversightPages {
  readonly heading: Locator
  readonly successBanner: Locator
  readonly lastOversight: Locator
  readonly recordButton: Locator
  readonly entries: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.successBanner = page.getByRole('alert', { name: 'Success' })
    this.lastOversight = page.getByTestId('last-oversight')
    this.recordButton = page.getByRole('button', { name: 'Record management oversight' })
    this.entries = page.getByTestId('oversight-entry')
  }

  async record(entry: {
    kind: 'Supervision' | 'Case discussion' | 'Case review'
    reflection: string
    decisions: string
    actions: string
    by: string
  }): Promise<void> {
    await this.recordButton.click()
    await this.page
      .getByRole('group', { name: 'What kind of oversight?' })
      .getByLabel(entry.kind, { exact: true })
      .check()
    await this.page.getByLabel('Reflection', { exact: true }).fill(entry.reflection)
    await this.page.getByLabel('Decisions', { exact: true }).fill(entry.decisions)
    await this.page.getByLabel('Actions (optional)', { exact: true }).fill(entry.actions)
    await new DateInput(this.page.getByRole('group', { name: 'By when are the actions to be done?' })).fill(
      partsOf(entry.by),
    )
    await this.page.getByRole('button', { name: 'Save the oversight' }).click()
  }
}
