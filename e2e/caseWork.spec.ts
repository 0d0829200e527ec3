import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { demoUser, type Role } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import {
  addDays,
  AgreementPage,
  AllocatePage,
  AssessmentEditPage,
  AssessmentPage,
  CasePage,
  longDate,
  OversightPages,
  PlanChangesPage,
  PlanPages,
  PlanPrintPage,
  SessionPages,
  TafMeetingPages,
  ukToday,
} from './pages/CasePages.js'
import { SpiderGraphForm, SpiderGraphPage } from './pages/SpiderGraphPages.js'
import { signInAs } from './session.js'

// Issue 8: working the case. In Derby, the partner's family (the Ashworths) has an episode the panel opened three
// days ago, waiting for a worker; no other browser test touches it. The team manager allocates it, the worker
// works it from the agreement to a second TAF review, and the manager approves the assessment and records oversight.
// Every page is checked with axe.

const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })

/** The demo's Ashworth family (src/services/demo.ts), written out again on purpose. */
const mother = 'Claire Ashworth'
const father = 'Daniel Ashworth'
const ellie = 'Ellie Ashworth'
const jayden = 'Jayden Ashworth'
const worker = 'Priya Sandhu'
const manager = 'Gareth Allsop'
const partner = 'Tom Ridley'

/** The assessment's sections in Derby's preset, and its words for the assessment and the TAF. */
const derby = {
  assessmentType: 'Early Help Assessment (EHA)',
  developmentalNeeds: "Child's developmental needs",
  voiceOfTheChild: 'Voice of the child',
  initialTaf: 'Initial TAF meeting',
  reviewTaf: 'Review TAF meeting',
}

async function pageAs(browser: Browser, role: Role) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInAs(page, demoUser('derby', role))
  return page
}

const needs = {
  school: 'Ellie’s attendance has fallen to 82%: mornings at home are chaotic and she is often late',
  food: 'There is often not enough food in the house in the last week of the month',
}

const outcomes = {
  school: {
    outcome: 'Ellie goes to school every day and arrives on time',
    measure: 'Attendance of 95% or more over the spring half term, from the school’s register',
    area: 'Getting a good education',
    needs: [needs.school],
  },
  food: {
    outcome: 'The family has enough food every day of the month',
    measure: 'No days without a meal in the family’s weekly diary for two months running',
    area: 'Financial stability',
    needs: [needs.food],
  },
}

const walkToSchool = 'Walk Ellie to school each morning and keep to the bedtime routine agreed with her'
const foodDiary = 'Keep a weekly food and money diary to go through at each session'

test('derby: a practitioner works an allocated case from the agreement to a second TAF review', async ({ browser }) => {
  // About 75 pages, each checked by axe: about a minute on a quiet machine with another test alongside, and
  // several times that on a busy one.
  test.setTimeout(300_000)
  const today = ukToday()

  // The team manager finds the Ashworths' episode waiting for a worker and allocates it.
  const managerPage = await pageAs(browser, 'team_manager')
  await managerPage.goto('/episodes?unallocated=yes')
  await managerPage.getByRole('link', { name: 'Ashworth family', exact: true }).click()
  const managerCase = new CasePage(managerPage)
  await expect(managerCase.heading).toHaveText('Early help episode')
  await managerCase.allocateLink.click()
  await new AllocatePage(managerPage).allocate(`${worker} – Locality 1 Multi-Agency Team`)
  await expect(managerCase.successBanner).toContainText('The episode has been allocated.')
  await expect(managerCase.taskStatus('Worker allocated')).toHaveText('Completed')
  const episodeUrl = new URL(managerPage.url()).pathname

  // The worker's case page: where the case is, and what is due next.
  const practitioner = await pageAs(browser, 'practitioner')
  const casePage = new CasePage(practitioner)
  await casePage.goto(episodeUrl)
  await expect(casePage.pathwayHeading).toBeVisible()
  await expect(casePage.dueNextHeading).toBeVisible()
  await expect(casePage.taskStatus('Early help agreement')).toHaveText('To do')
  await expect(casePage.task(derby.initialTaf)).toContainText(
    `Within 6 weeks of allocation – due by ${longDate(addDays(today, 42))}`,
  )
  await expect(casePage.dueNext).toContainText(derby.initialTaf)
  await expect(casePage.dueNext).toContainText(`by ${longDate(addDays(today, 42))}`)

  // Acceptance 2: the initial TAF cannot be recorded as held before the agreement and the baseline tool.
  const taf = new TafMeetingPages(practitioner)
  await casePage.openTask(derby.initialTaf)
  await taf.plan({
    kind: 'Initial meeting',
    on: today,
    venue: 'Brookfield Primary School',
    family: [mother, father, ellie],
    professionals: [worker, partner],
    others: [{ name: 'Jo Fenton', agency: 'School nursing service' }],
  })
  await expect(taf.successBanner).toContainText('The meeting has been planned.')
  const initialMeetingUrl = new URL(practitioner.url()).pathname
  await expect(taf.missing).toContainText('The family has not signed the early help agreement')
  await expect(taf.missing).toContainText('No baseline progression of change tool has been recorded')
  await taf.recordHeldButton.click()
  await taf.recordHeldButton.click()
  await expect(practitioner).toHaveTitle(/^Error: /)
  await expect(taf.errorSummary.link('The family has not signed the early help agreement')).toBeVisible()
  await expect(taf.errorSummary.link('No baseline progression of change tool has been recorded')).toBeVisible()

  // The family signs the agreement, from the link beside what is missing.
  await practitioner.getByRole('link', { name: 'Record the early help agreement' }).click()
  await new AgreementPage(practitioner).record([mother, father])
  await expect(casePage.successBanner).toContainText('The early help agreement has been recorded.')
  await expect(casePage.agreement).toContainText(`${mother}, ${father}, with ${worker}`)
  await expect(casePage.taskStatus('Early help agreement')).toHaveText('Completed')

  // The baseline progression of change tool: Derby's spider graph, scored with the family.
  await casePage.openTask('Baseline progression of change tool')
  const spiderGraph = new SpiderGraphPage(practitioner)
  await spiderGraph.recordButton.click()
  const graphForm = new SpiderGraphForm(practitioner)
  await expect(graphForm.stage('Baseline (before the first TAF)')).toBeChecked()
  await graphForm.completedWith.fill('Claire, Daniel and Ellie')
  await graphForm.scoreAll({
    'Home conditions': 5,
    Health: 6,
    Parenting: 5,
    'Family relationships': 7,
    'Education and school attendance': 3,
    'Emotional wellbeing': 5,
    Safety: 7,
    'Money and finances': 3,
  })
  await graphForm.save.click()
  await expect(spiderGraph.successBanner).toContainText('The spider graph has been recorded.')
  await expect(spiderGraph.onlyBaseline).toBeVisible()

  // The assessment (acceptance 3): submitted without the father's view, or why not, it is refused at his field.
  await practitioner.goto(`${episodeUrl}/assessments/new`)
  const assessment = new AssessmentEditPage(practitioner)
  await expect(assessment.typeOption(derby.assessmentType)).toBeChecked()
  await assessment.completingAgency.fill('Derby City Council Early Help, Locality 1')
  await assessment.startButton.click()
  await expect(assessment.successBanner).toContainText('The assessment has been started.')
  const mothersView =
    'Claire wants mornings to be calmer. She says money runs out before payday and she skips meals so the children can eat.'
  await assessment.fill({
    family: {
      'Parenting capacity':
        'Warm, loving parents; routines slip when Claire works early shifts and Daniel is on nights.',
      'Family and environment': 'Privately rented house; rent arrears of two months; no family nearby.',
      Strengths: 'The children are close to their parents and each other; both parents asked for help.',
      'Analysis of needs and risks':
        'Ellie’s attendance is at risk from late nights and chaotic mornings; food poverty at the end of each month ' +
        'adds to the stress. No safeguarding concerns; emerging needs that early help can meet.',
    },
    eachChild: {
      [derby.developmentalNeeds]: {
        [ellie]: 'Meeting milestones; tired in class; behind in reading.',
        [jayden]: 'Healthy and meeting milestones; speech assessed as age appropriate.',
      },
      [derby.voiceOfTheChild]: {
        [ellie]: 'Ellie says she likes school but hates being late because everyone looks at her.',
        [jayden]: 'Jayden says he is hungry at school on some days.',
      },
    },
    parentViews: { [`${mother} (mother)`]: mothersView },
    needs: [
      { description: needs.school, outcomeArea: 'Getting a good education' },
      { description: needs.food, outcomeArea: 'Financial stability' },
    ],
  })
  await assessment.submitButton.click()
  const fatherError = `Enter ${father}’s view (the father), or why it could not be recorded`
  await expect(practitioner).toHaveTitle(/^Error: /)
  await expect(assessment.errorSummary.links).toHaveText([fatherError])
  const fathersView = assessment.parentView(`${father} (father)`)
  await expect(fathersView).toHaveAccessibleDescription(new RegExp(fatherError.replace(/[()]/g, '\\$&')))
  // What was typed is kept.
  await expect(assessment.parentView(`${mother} (mother)`)).toHaveValue(mothersView)
  await expect(assessment.needDescription(2)).toHaveValue(needs.food)
  await screenshot(practitioner, 'assessment-father-error-derby')
  await assessment.errorSummary.link(fatherError).click()
  await expect(fathersView).toBeFocused()
  await fathersView.fill('Daniel wants to be more involved with school: he can do the school run on his days off.')
  await assessment.submitButton.click()
  const assessmentPage = new AssessmentPage(practitioner)
  await expect(assessmentPage.successBanner).toContainText('The assessment has been submitted for approval.')
  await expect(assessmentPage.status).toHaveText('Waiting for approval')

  // The manager approves it.
  await managerCase.goto(episodeUrl)
  await expect(managerCase.task(derby.assessmentType)).toContainText('Waiting for the manager’s approval')
  await managerCase.openTask(derby.assessmentType)
  const managerAssessment = new AssessmentPage(managerPage)
  await managerAssessment.decisionButton.click()
  await managerAssessment.decide('Approve the assessment', 'A clear analysis, with both parents’ views.')
  await expect(managerAssessment.successBanner).toContainText('The assessment has been approved.')
  await expect(managerAssessment.status).toHaveText('Approved')

  // The initial TAF, held now that what comes first is in place.
  await practitioner.goto(initialMeetingUrl)
  await expect(taf.missing).toHaveCount(0)
  await taf.recordHeldButton.click()
  await taf.recordHeld({
    attendance: {
      [mother]: 'Attended',
      [father]: 'Attended',
      [ellie]: 'Attended',
      [worker]: 'Attended',
      [partner]: 'Sent apologies',
      'Jo Fenton': 'Attended',
    },
    alsoCame: [{ name: 'Mark Hughes', agency: 'Derby Homes' }],
    minutes:
      'Agreed two goals with the family: Ellie at school on time every day, and enough food all month. ' +
      'Derby Homes to look at the rent arrears.',
  })
  await expect(taf.successBanner).toContainText('The meeting has been recorded as held.')
  await expect(taf.attendees.getByRole('row', { name: new RegExp(`^${partner} `) })).toContainText('Sent apologies')
  await expect(taf.attendees).toContainText('Mark Hughes')
  await expect(taf.minutes).toContainText('Agreed two goals with the family')
  await screenshot(practitioner, 'taf-held-derby')

  // The plan: two SMART outcomes answering the assessment's needs, and actions: what, who, by when.
  await practitioner.goto(`${episodeUrl}/plan`)
  const plan = new PlanPages(practitioner)
  await expect(plan.noPlan).toBeVisible()
  await plan.createButton.click()
  await expect(plan.successBanner).toContainText('The plan has been created.')
  await plan.addOutcome({ ...outcomes.school, by: addDays(today, 91) })
  await expect(plan.successBanner).toContainText('The outcome has been added.')
  await plan.addOutcome({ ...outcomes.food, by: addDays(today, 120) })
  await plan.addAction(1, { action: walkToSchool, who: mother, by: addDays(today, 14) })
  await expect(plan.successBanner).toContainText('The action has been added.')
  await plan.addAction(1, {
    action: 'Meet Ellie in school each week to talk about how the mornings are going',
    who: worker,
    by: addDays(today, 28),
  })
  await plan.addAction(2, {
    action: 'Apply with the family to the Household Support Fund and book a debt advice appointment',
    who: { name: 'Sue Marsh', agency: 'Citizens Advice' },
    by: addDays(today, 21),
  })
  await expect(plan.outcome(1)).toContainText(needs.school)
  await expect(plan.outcome(1).getByRole('table')).toContainText(walkToSchool)
  await expect(plan.outcome(2).getByRole('table')).toContainText('Sue Marsh')
  await expect(plan.outcome(2).getByRole('table')).toContainText('Citizens Advice')
  await expect(plan.detail('Version')).toContainText('1')

  // The visit frequency, and three sessions recorded as Purpose, Action, Reflection and Analysis.
  await practitioner.goto(`${episodeUrl}/visit-frequency`)
  const sessions = new SessionPages(practitioner)
  await sessions.agreeFrequency('Every week', `Agreed with ${manager} in supervision and with the family.`)
  await expect(sessions.successBanner).toContainText('The visit frequency has been recorded.')
  await sessions.record({
    kind: 'Home visit',
    seen: [mother, father, ellie, jayden],
    seenAlone: [],
    outcomes: [outcomes.school.outcome],
    purpose: 'To plan a morning routine with the family, towards Ellie being at school on time.',
    action: 'Made a picture timetable of the morning with Ellie and Jayden; agreed bedtimes with the parents.',
    reflection: 'Ellie chose the order of her morning jobs and was proud of the timetable.',
    analysis: 'A good start on outcome 1; check at school next week how the mornings have gone.',
  })
  await expect(sessions.successBanner).toContainText('The session has been recorded.')
  await sessions.record({
    kind: 'At school',
    seen: [ellie],
    seenAlone: [ellie],
    outcomes: [outcomes.school.outcome],
    purpose: 'To hear from Ellie, on her own, how the new mornings are going.',
    action: 'Talked with Ellie in the school’s quiet room using a three houses worksheet.',
    reflection: 'Ellie said mornings are calmer; she worries when her dad is on nights.',
    analysis: 'Progress towards outcome 1; the routine on Daniel’s night shifts needs a plan at the review.',
  })
  await sessions.record({
    kind: 'Home visit',
    seen: [mother, father],
    seenAlone: [],
    outcomes: [outcomes.food.outcome],
    purpose: 'To start the food and money diary with the parents, towards outcome 2.',
    action: 'Went through the household budget; started the diary; gave food bank details for this week.',
    reflection: 'Both parents were open about money; Daniel was relieved to talk about the arrears.',
    analysis: 'Outcome 2 depends on the Household Support Fund application; review the diary at the TAF review.',
  })
  await expect(sessions.sessions.getByRole('row')).toHaveCount(4)
  await expect(sessions.visitFrequency).toContainText('Agreed: every week')
  await screenshot(practitioner, 'sessions-derby')
  await sessions.sessions
    .getByRole('row', { name: /At school/ })
    .getByRole('link')
    .click()
  await expect(practitioner.getByTestId('session')).toContainText(new RegExp(`Children seen alone\\s*${ellie}`))
  await screenshot(practitioner, 'session-derby')

  // The first TAF review: the plan is reviewed and becomes version 2, which the worker then brings up to date.
  await practitioner.goto(`${episodeUrl}/taf-meetings`)
  await taf.plan({
    kind: 'Review meeting',
    on: today,
    venue: 'The family’s home',
    family: [mother, father],
    professionals: [worker, partner],
  })
  await taf.recordHeldButton.click()
  await taf.recordHeld({
    attendance: { [mother]: 'Attended', [father]: 'Attended', [worker]: 'Attended', [partner]: 'Attended' },
    minutes: 'Reviewed the plan with the family; Daniel will do the school run on his days off.',
    progress: 'Outcome 1: mornings calmer, Ellie on time 4 days out of 5. Outcome 2: the diary has started.',
  })
  await expect(taf.successBanner).toContainText('The meeting has been recorded as held.')
  await practitioner.goto(`${episodeUrl}/plan`)
  await expect(plan.detail('Version')).toContainText('2')
  await expect(plan.detail('Started at')).toContainText(`The Team Around the Family review meeting held on`)
  await plan.changeActionStatus(1, 1, 'In progress')
  await expect(plan.successBanner).toContainText('The action has been changed.')
  await plan.addAction(2, { action: foodDiary, who: mother, by: addDays(today, 14) })

  // The second TAF review: version 3.
  await practitioner.goto(`${episodeUrl}/taf-meetings`)
  await taf.plan({
    kind: 'Review meeting',
    on: today,
    venue: 'Brookfield Primary School',
    family: [mother, father, ellie],
    professionals: [worker, partner],
  })
  await taf.recordHeldButton.click()
  await taf.recordHeld({
    attendance: {
      [mother]: 'Attended',
      [father]: 'Did not attend',
      [ellie]: 'Attended',
      [worker]: 'Attended',
      [partner]: 'Attended',
    },
    minutes: 'Ellie joined for the first part and said mornings are better. Daniel was at work.',
    progress: 'Outcome 1: on time every day for two weeks. Outcome 2: the support fund paid for a food shop.',
  })
  await expect(taf.successBanner).toContainText('The meeting has been recorded as held.')
  await practitioner.goto(`${episodeUrl}/plan`)
  await expect(plan.detail('Version')).toContainText('3')
  await expect(plan.versions.getByRole('row')).toHaveCount(4)
  await expect(plan.versions.getByRole('row').nth(1)).toContainText('Version 3 (in force)')
  await expect(plan.printLink).toBeVisible()
  await plan.changeActionStatus(1, 1, 'Done')

  // What changed at the first review: the action brought up to date, and the one added.
  await plan.changesLink(2).click()
  const changes = new PlanChangesPage(practitioner)
  await expect(changes.heading).toHaveText('What changed in version 2 of the plan')
  await expect(changes.summary).toContainText('From version 1')
  await expect(changes.actionChange(walkToSchool)).toContainText('Changed')
  await expect(changes.actionChange(walkToSchool).getByRole('row', { name: /^Status/ })).toHaveText(
    /Status\s*Not started\s*In progress/,
  )
  await expect(changes.actionChange(foodDiary)).toContainText('Added')
  await expect(changes.actionChange(foodDiary)).toContainText(mother)
  await expect(changes.outcomeChanges).toHaveCount(0)
  await expect(changes.outcomesUnchanged).toContainText('No outcome changed. 2 outcomes are unchanged.')
  await screenshot(practitioner, 'plan-changes-derby')

  // The family's copy, in their words.
  await practitioner.goto(`${episodeUrl}/plan/print`)
  const print = new PlanPrintPage(practitioner)
  await expect(print.heading).toHaveText('Our plan with you')
  await expect(print.family).toHaveText('The Ashworth family')
  await expect(print.whoHelps).toContainText(`${worker} is your worker and your lead professional`)
  await expect(print.goals).toHaveCount(2)
  await expect(print.goals.first()).toContainText(outcomes.school.outcome)
  await expect(print.goals.first().getByRole('row', { name: new RegExp(walkToSchool) })).toContainText('Done')
  await expect(print.goals.nth(1).getByRole('row', { name: new RegExp(foodDiary) })).toContainText('Not started yet')
  await screenshot(practitioner, 'plan-print-derby')

  // The manager records supervision of the case.
  await managerPage.goto(`${episodeUrl}/oversight`)
  const oversight = new OversightPages(managerPage)
  await oversight.record({
    kind: 'Supervision',
    reflection: 'Good progress against a clear plan; the family are engaged and both parents’ views are recorded.',
    decisions: 'Continue weekly sessions until the next review.',
    actions: 'Priya to chase the Derby Homes arrears plan.',
    by: addDays(today, 14),
  })
  await expect(oversight.successBanner).toContainText('The management oversight has been recorded.')
  await expect(oversight.entries).toHaveCount(1)
  await expect(oversight.lastOversight).toContainText(`Last management oversight: ${longDate(today)}`)

  // The case page at the end: every step done, the plan at version 3, what is due next, and what has happened.
  await casePage.goto(episodeUrl)
  for (const step of [
    'Worker allocated',
    'Early help agreement',
    'Baseline progression of change tool',
    derby.assessmentType,
    derby.initialTaf,
    'The TAF plan',
    'Visit frequency agreed',
    'Management oversight',
  ])
    await expect(casePage.taskStatus(step), step).toHaveText('Completed')
  await expect(casePage.task('The TAF plan')).toContainText('Version 3, 2 outcomes')
  await expect(casePage.task('TAF reviews')).toContainText(
    `2 held; the next is not planned yet – due by ${longDate(addDays(today, 84))}`,
  )
  await expect(casePage.taskStatus('Sessions with the family')).toHaveText('Due soon')
  await expect(casePage.planSummary).toHaveText(`Version 3 from ${longDate(today)}: 2 outcomes, 4 actions.`)
  await expect(casePage.dueNext).toContainText('Sessions with the family')
  await expect(casePage.dueNext).toContainText('TAF reviews')
  await expect(casePage.lastOversight).toContainText(`Last recorded ${longDate(today)}`)
  await expect(casePage.oversightLink).toBeVisible()
  await expect(casePage.timeline).toContainText(`Management oversight (supervision) by ${manager}`)
  await expect(casePage.timeline).toContainText('Plan reviewed at the Team Around the Family review: version 3')
  await expect(casePage.timeline).toContainText('Review Team Around the Family meeting held')
  await expect(casePage.timeline).toContainText('At school: seen Ellie (seen alone)')
  await screenshot(practitioner, 'case-page-derby')
})

test('derby: an administrator looks through the practice model’s lists without changing them', async ({ page }) => {
  await signInAs(page, demoUser('derby', 'admin'))
  await page.goto('/admin/practice-model')
  await page.getByRole('link', { name: 'Change the outcome areas', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change the outcome areas')
  const crime = page.getByRole('group', { name: 'Item 7: Families diverted from crime' })
  await expect(crime.getByLabel('Label', { exact: true })).toHaveValue('Families diverted from crime')
  await crime.getByRole('link', { name: 'Remove Families diverted from crime' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Remove “Families diverted from crime”')
  // Nothing is removed: the page only asks.
  await expect(page.getByRole('link', { name: 'Cancel', exact: true })).toHaveAttribute(
    'href',
    '/admin/practice-model/outcome-areas',
  )

  // A list whose new item takes the most fields: when the tool is used, for which concerns, services or ages.
  await page.goto('/admin/practice-model/progression-tools')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change the progression tools')
  await expect(page.getByRole('group', { name: 'Item 1: Spider graph' })).toBeVisible()
})
