import { randomInt } from 'node:crypto'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { demoUser } from './demoUsers.js'
import { expect, test } from './fixtures.js'
import type { Address } from './pages/AddressFields.js'
import { dateParts, type DateParts } from './pages/DateInput.js'
import { DuplicatesPage } from './pages/DuplicatesPage.js'
import { ErrorPage } from './pages/ErrorPage.js'
import { FamiliesPage } from './pages/FamiliesPage.js'
import { FamilyPage } from './pages/FamilyPage.js'
import { NewFamilyPage } from './pages/NewFamilyPage.js'
import { NewPersonPage, type NewMember } from './pages/NewPersonPage.js'
import { PersonEditPage } from './pages/PersonEditPage.js'
import { PersonPage } from './pages/PersonPage.js'
import { RelationshipPage, type Relationship } from './pages/RelationshipPage.js'
import { SearchPage } from './pages/SearchPage.js'
import { signInAs } from './session.js'

// Issue 6: people, families, relationships and the genogram, the duplicate check, search and restricted records,
// clicked through as a practitioner and a team manager would. Every page visited is checked with axe (fixtures.ts).

const practitioner = demoUser('derby', 'practitioner')
const teamManager = demoUser('derby', 'team_manager')

// Derby's demo (src/services/demo.ts), written out again on purpose, as demoUsers.ts does: the fourth family is
// restricted to the team manager; the third is the Coulsons, Kirsty the mother.
const restrictedFamily = 'Dunmore family'
const restrictedFamilyMember = 'Hayley Dunmore'
const demoPersonTypo = { typed: 'kirsti coulsen', found: 'Kirsty Coulson' }

const screenshotsDirectory = join(import.meta.dirname, '..', 'screenshots')

/** A full-page picture for people to look at, stored as screenshots.spec.ts stores its own. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDirectory, `${name}.png`), fullPage: true, animations: 'disabled' })
}

/** A surname no other test or demo family has, so the duplicate check does not find someone else's people. */
function uniqueSurname(base: string): string {
  const letters = 'bcdfghjklmnprstvwz'
  const vowels = 'aeiou'
  const pick = (from: string) => from[randomInt(from.length)]!
  return `${base}-${pick(letters).toUpperCase()}${pick(vowels)}${pick(letters)}${pick(vowels)}${pick(letters)}`
}

function daysFromToday(days: number): DateParts {
  const date = new Date()
  date.setDate(date.getDate() + days)
  return dateParts(date)
}

/** Sends the add-a-person form and, only if the duplicate check stops it, goes on to create a new record. */
async function addMember(page: Page, member: NewMember): Promise<FamilyPage> {
  const family = new FamilyPage(page)
  await family.addPersonButton.click()
  const form = new NewPersonPage(page)
  await expect(form.heading).toBeVisible()
  await form.fill(member)
  await form.checkAndAdd()
  const duplicates = new DuplicatesPage(page)
  await expect(family.successBanner.or(duplicates.heading)).toBeVisible()
  if (await duplicates.heading.isVisible()) await duplicates.createNewRecordButton.click()
  await expect(family.successBanner).toContainText('Person added to the family.')
  await expect(family.memberLink(`${member.givenName} ${member.familyName}`)).toBeVisible()
  return family
}

async function recordRelationship(page: Page, relationship: Relationship): Promise<void> {
  const family = new FamilyPage(page)
  await family.recordRelationshipButton.click()
  const form = new RelationshipPage(page)
  await expect(form.heading).toBeVisible()
  await form.record(relationship)
  await expect(family.successBanner).toContainText('Relationship recorded.')
}

/** The CSRF token of a form, read from the page that holds it. */
async function csrfToken(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path)
  expect(response.status(), `${path} could not be opened`).toBe(200)
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1]
  if (!token) throw new Error(`${path} has no CSRF token`)
  return token
}

interface Household {
  familyPath: string
  familyName: string
  personPath: string
  personName: string
}

/**
 * A family of one, started by posting the forms over HTTP as the signed-in user: setup for tests about
 * something else, which saves their page loads (the forms themselves are clicked through in the first test).
 */
async function startHouseholdOverHttp(page: Page, givenName: string, surname: string): Promise<Household> {
  const started = await page.request.post('/families', {
    form: {
      _csrf: await csrfToken(page, '/families/new'),
      name: surname,
      line1: '3 Friar Gate',
      town: 'Derby',
      postcode: 'DE1 1BX',
    },
    maxRedirects: 0,
  })
  expect(started.status(), 'the family could not be started').toBe(303)
  const familyPath = new URL(started.headers().location!, 'http://localhost').pathname
  const added = await page.request.post(`${familyPath}/people`, {
    form: {
      _csrf: await csrfToken(page, `${familyPath}/people/new`),
      givenName,
      familyName: surname,
      born: 'born',
      'dateOfBirth-day': '9',
      'dateOfBirth-month': '7',
      'dateOfBirth-year': '1990',
      gender: '2',
      disability: 'not known',
      socialCareStatus: 'none',
      role: 'parent',
      livesInHousehold: 'yes',
      // Setup, not the duplicate check: a new record whatever the check would say.
      duplicatesSeen: 'yes',
    },
    maxRedirects: 0,
  })
  expect(added.status(), 'the person could not be added').toBe(303)
  const familyHtml = await (await page.request.get(familyPath)).text()
  const personPath = new RegExp(`href="(/people/[0-9a-f-]+)">${givenName} ${surname}<`).exec(familyHtml)?.[1]
  if (!personPath) throw new Error(`${givenName} ${surname} is not on the family's page`)
  return { familyPath, familyName: `${surname} family`, personPath, personName: `${givenName} ${surname}` }
}

test.describe('People, families and relationships', () => {
  test('a practitioner records a family of five, parents apart and a baby due, and sees its genogram', async ({
    page,
  }) => {
    // Five people and ten relationships, clicked through: some thirty-five pages, each checked with axe.
    test.setTimeout(180_000)
    const surname = uniqueSurname('Hollis')
    const mother = { givenName: 'Nadine', familyName: surname }
    const father = { givenName: 'Curtis', familyName: surname }
    const elder = { givenName: 'Tia', familyName: surname }
    const younger = { givenName: 'Marley', familyName: surname }
    const baby = { givenName: 'Baby', familyName: surname }
    const name = (person: { givenName: string; familyName: string }) => `${person.givenName} ${person.familyName}`

    const { header } = await signInAs(page, practitioner)
    await header.navigationLink('Search').click()
    const search = new SearchPage(page)
    await expect(search.heading).toBeVisible()
    await search.startFamilyLink.click()

    const newFamily = new NewFamilyPage(page)
    await expect(newFamily.heading).toBeVisible()
    const family = await newFamily.start(surname, {
      line1: '41 Uttoxeter New Road',
      town: 'Derby',
      postcode: 'DE22 3NL',
    })
    await expect(family.heading).toHaveText(`${surname} family`)
    await expect(family.successBanner).toContainText('Family record started. Add each person next.')

    await addMember(page, {
      ...mother,
      born: { dateOfBirth: { day: '23', month: '4', year: '1989' } },
      gender: 'Female',
      role: 'Parent',
      livesInHousehold: true,
    })
    await addMember(page, {
      ...father,
      born: { dateOfBirth: { day: '2', month: '12', year: '1986' } },
      gender: 'Male',
      role: 'Parent',
      livesInHousehold: false,
      address: { line1: '7 Abbey Street', town: 'Derby', postcode: 'DE22 3SJ' },
    })
    await addMember(page, {
      ...elder,
      born: { dateOfBirth: { day: '14', month: '6', year: '2014' } },
      gender: 'Female',
      role: 'Child',
      livesInHousehold: true,
    })
    await addMember(page, {
      ...younger,
      born: { dateOfBirth: { day: '3', month: '11', year: '2018' } },
      gender: 'Male',
      role: 'Child',
      livesInHousehold: true,
    })
    const due = daysFromToday(100)
    await addMember(page, {
      ...baby,
      born: { expected: due },
      gender: 'Not known',
      role: 'Unborn child',
      livesInHousehold: true,
    })

    await expect(family.members.getByRole('row')).toHaveCount(6)
    await expect(family.memberRow(name(father)).getByRole('cell')).toContainText(['Parent', 'No, lives elsewhere'])
    await expect(family.memberRow(name(baby)).getByRole('cell')).toContainText([/^Due /, 'Unborn', 'Yes'])

    // The first person is the mother, father, sibling… of the second, as the form reads.
    const option = (person: { givenName: string; familyName: string }, role: string) => `${name(person)} (${role})`
    const children = [
      { person: elder, role: 'child' },
      { person: younger, role: 'child' },
      { person: baby, role: 'unborn child' },
    ]
    for (const child of children) {
      await recordRelationship(page, {
        person: option(mother, 'parent'),
        type: 'mother',
        related: option(child.person, child.role),
        livesTogether: true,
        parentalResponsibility: true,
      })
      await recordRelationship(page, {
        person: option(father, 'parent'),
        type: 'father',
        related: option(child.person, child.role),
        livesTogether: false,
        parentalResponsibility: true,
      })
    }
    await recordRelationship(page, {
      person: option(mother, 'parent'),
      type: 'ex-partner',
      related: option(father, 'parent'),
      livesTogether: false,
      parentalResponsibility: false,
    })
    for (const [index, child] of children.entries()) {
      for (const sibling of children.slice(index + 1)) {
        await recordRelationship(page, {
          person: option(child.person, child.role),
          type: 'sibling',
          related: option(sibling.person, sibling.role),
          livesTogether: true,
          parentalResponsibility: false,
        })
      }
    }

    await expect(family.genogram).toBeVisible()
    await expect(family.genogram).toHaveAccessibleName(
      new RegExp(`^Genogram of the ${surname} family .*5 people, including 1 unborn; 4 live in the household`),
    )
    await expect(family.genogram).toHaveAccessibleName(new RegExp(`${name(father)}, father, lives elsewhere`))
    await expect(family.relationships.getByRole('row')).toHaveCount(11)
    await expect(family.relationshipRow(name(father), 'father', name(younger)).getByRole('cell')).toHaveText([
      name(father),
      'is the father of',
      name(younger),
      'No',
      'Yes',
    ])
    await expect(family.relationshipRow(name(mother), 'mother', name(baby)).getByRole('cell')).toHaveText([
      name(mother),
      'is the mother of',
      name(baby),
      'Yes',
      'Yes',
    ])
    await expect(family.relationshipRow(name(mother), 'ex-partner', name(father))).toBeVisible()
    await expect(family.relationshipRow(name(elder), 'sibling', name(younger))).toBeVisible()
    await screenshot(page, 'family-genogram')
  })

  test('the duplicate check finds a child already known and adds them instead of a new record', async ({ page }) => {
    const smith = uniqueSurname('Smith')
    const smyth = smith.replace('Smith', 'Smyth')
    const born = { day: '2', month: '3', year: '2015' }
    await signInAs(page, practitioner)

    // John is known in one family, living at its address...
    const newFamily = new NewFamilyPage(page)
    await newFamily.goto()
    const first = await newFamily.start(smith, { line1: '18 Green Lane', town: 'Derby', postcode: 'DE1 2FS' })
    await expect(first.heading).toHaveText(`${smith} family`)
    await addMember(page, {
      givenName: 'John',
      familyName: smith,
      born: { dateOfBirth: born },
      gender: 'Male',
      role: 'Child',
      livesInHousehold: true,
    })

    // ...and is added, as Jon Smyth at the same address, to another.
    await newFamily.goto()
    const second = await newFamily.start(smyth)
    await expect(second.heading).toHaveText(`${smyth} family`)
    await second.addPersonButton.click()
    const form = new NewPersonPage(page)
    await form.fill({
      givenName: 'Jon',
      familyName: smyth,
      born: { dateOfBirth: born },
      gender: 'Male',
      role: 'Child',
      livesInHousehold: true,
      address: { line1: '18 Green Lane', town: 'Derby', postcode: 'de1 2fs' },
    })
    await form.checkAndAdd()

    const duplicates = new DuplicatesPage(page)
    await expect(duplicates.heading).toBeVisible()
    await expect(page).toHaveTitle(/^This person may already be known – Tandem/)
    await expect(page.getByRole('main')).toContainText(`You entered Jon ${smyth}, born 2/3/2015, DE1 2FS.`)
    const match = duplicates.match(`John ${smith}`)
    await expect(match).toBeVisible()
    await expect(match).toContainText('2 March 2015')
    await expect(match).toContainText('DE1 2FS')
    await expect(match).toContainText(/Similar name, Same date of birth, Same postcode/)
    await expect(duplicates.createNewRecordButton).toHaveText(`Create a new record for Jon ${smyth}`)
    await screenshot(page, 'possible-duplicate')

    await duplicates.sameAsButton(`John ${smith}`).click()
    await expect(second.successBanner).toContainText('Person added to the family.')
    await expect(second.memberLink(`John ${smith}`)).toBeVisible()
    await expect(second.memberLink(`Jon ${smyth}`)).toHaveCount(0)
    await expect(second.members.getByRole('row')).toHaveCount(2)

    // One record, in both families.
    const john = await second.openPerson(`John ${smith}`)
    await expect(john.heading).toHaveText(`John ${smith}`)
    await expect(john.familyLink(`${smith} family`)).toBeVisible()
    await expect(john.familyLink(`${smyth} family`)).toBeVisible()
  })

  test('the add-a-person form names each problem, links to its field and keeps what was typed', async ({ page }) => {
    await signInAs(page, practitioner)
    const families = new FamiliesPage(page)
    await families.goto()
    const family = await families.openFamily('Ashworth family')
    await family.addPersonButton.click()

    const form = new NewPersonPage(page)
    const nextYear = String(new Date().getFullYear() + 1)
    await form.fill({
      givenName: 'Rosa',
      familyName: 'Ashworth',
      born: { dateOfBirth: { day: '12', month: '5', year: nextYear } },
      gender: 'Female',
      // A wrong check digit: 943 476 5919 is a real one.
      nhsNumber: '943 476 5910',
      role: 'Child',
      livesInHousehold: false,
      address: { line1: '9 Vernon Street', town: 'Derby', postcode: 'DE1 ZZZZ' },
    })
    await form.checkAndAdd()

    await expect(page).toHaveTitle(/^Error: Add a person to the Ashworth family/)
    const summary = form.errorSummary
    await expect(summary.summary).toBeVisible()
    await expect(summary.links).toHaveText([
      'Date of birth must be today or in the past',
      'Enter an NHS number in the correct format, like 943 476 5919',
      'Enter a real postcode, like DE1 2FS',
    ])

    // Each link takes the keyboard to its field, where the same message is read with it.
    await summary.link('Date of birth must be today or in the past').click()
    await expect(form.person.dateOfBirth.day).toBeFocused()
    await summary.link('Enter an NHS number in the correct format, like 943 476 5919').click()
    await expect(form.person.nhsNumber).toBeFocused()
    await expect(form.person.nhsNumber).toHaveAccessibleDescription(/Enter an NHS number in the correct format/)
    await summary.link('Enter a real postcode, like DE1 2FS').click()
    await expect(form.ownAddress.postcode).toBeFocused()
    await expect(form.ownAddress.postcode).toHaveAccessibleDescription(/Enter a real postcode, like DE1 2FS/)

    // What was typed is still there to correct.
    await expect(form.person.givenName).toHaveValue('Rosa')
    await expect(form.person.dateOfBirth.day).toHaveValue('12')
    await expect(form.person.dateOfBirth.month).toHaveValue('5')
    await expect(form.person.dateOfBirth.year).toHaveValue(nextYear)
    await expect(form.person.gender('Female')).toBeChecked()
    await expect(form.person.nhsNumber).toHaveValue('943 476 5910')
    await expect(form.role('Child')).toBeChecked()
    await expect(form.livesInHousehold('No')).toBeChecked()
    await expect(form.ownAddress.line1).toHaveValue('9 Vernon Street')
    await expect(form.ownAddress.postcode).toHaveValue('DE1 ZZZZ')
  })

  test('when two people change one person at once, the second is shown what the first saved', async ({
    page,
    browser,
  }) => {
    await signInAs(page, practitioner)
    const household = await startHouseholdOverHttp(page, 'Shona', uniqueSurname('Barrow'))

    // The team manager, in the practitioner's team, opens the same person's details in their own browser.
    const managerContext = await browser.newContext()
    const managerPage = await managerContext.newPage()
    await signInAs(managerPage, teamManager)

    const ownPage = new PersonPage(page)
    await page.goto(household.personPath)
    await ownPage.changeDetailsLink.click()
    const own = new PersonEditPage(page)
    await expect(own.heading).toBeVisible()

    const theirPage = new PersonPage(managerPage)
    await managerPage.goto(household.personPath)
    await theirPage.changeDetailsLink.click()
    const theirs = new PersonEditPage(managerPage)
    await expect(theirs.heading).toBeVisible()

    await theirs.person.firstLanguage.fill('Polish')
    await theirs.saveButton.click()
    await expect(theirPage.successBanner).toContainText('Details saved.')
    await expect(theirPage.detail('First language')).toHaveText('Polish')

    await own.person.firstLanguage.fill('Slovak')
    await own.saveButton.click()
    await expect(page).toHaveTitle(/^Error: Change .*’s details/)
    await expect(own.errorSummary.summary).toContainText(
      'Someone else changed this record while you were working on it',
    )
    await expect(own.savedBySomeoneElse).toBeVisible()
    await expect(own.savedValue('First language')).toHaveText('Polish')
    await expect(own.person.firstLanguage).toHaveValue('Slovak')
    await screenshot(page, 'edit-conflict')

    // Saving again, having seen theirs, is a deliberate choice: it is saved.
    await own.saveButton.click()
    await expect(ownPage.successBanner).toContainText('Details saved.')
    await expect(ownPage.detail('First language')).toHaveText('Slovak')
  })

  test('a restricted family is open to the team manager and not found by the practitioner', async ({
    page,
    browser,
  }) => {
    await signInAs(page, teamManager)
    const families = new FamiliesPage(page)
    await families.goto()
    const family = await families.openFamily(restrictedFamily)
    await expect(family.heading).toContainText(restrictedFamily)
    await expect(family.restrictedTag).toBeVisible()
    await expect(family.memberLink(restrictedFamilyMember)).toBeVisible()
    await screenshot(page, 'restricted-family')
    const familyPath = new URL(page.url()).pathname

    await family.restrictionLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'This family is restricted' })).toBeVisible()
    await expect(page.getByRole('main')).toContainText('A relative of the family works in the early help service')

    const practitionerContext = await browser.newContext()
    const practitionerPage = await practitionerContext.newPage()
    const { header } = await signInAs(practitionerPage, practitioner)
    await header.navigationLink('Families').click()
    const theirFamilies = new FamiliesPage(practitionerPage)
    await expect(theirFamilies.heading).toBeVisible()
    await expect(theirFamilies.familyLink(restrictedFamily)).toHaveCount(0)

    await header.navigationLink('Search').click()
    const search = new SearchPage(practitionerPage)
    await search.searchByName(restrictedFamilyMember)
    await expect(search.noOneFound).toBeVisible()
    await expect(search.results).toHaveCount(0)

    const errorPage = new ErrorPage(practitionerPage)
    expect(await errorPage.goto(familyPath)).toBe(404)
    await expect(errorPage.heading).toHaveText('Page not found')
    await expect(practitionerPage.getByRole('main')).not.toContainText('Dunmore')
  })

  test('search finds a person whose name is mistyped', async ({ page }) => {
    const { header } = await signInAs(page, practitioner)
    await header.navigationLink('Search').click()
    const search = new SearchPage(page)
    await expect(search.heading).toBeVisible()
    await search.searchByName(demoPersonTypo.typed)
    await expect(search.name).toHaveValue(demoPersonTypo.typed)
    await expect(search.resultLink(demoPersonTypo.found)).toBeVisible()
    await expect(search.results.getByRole('row').nth(1)).toContainText(demoPersonTypo.found)
    await screenshot(page, 'search')

    await search.resultLink(demoPersonTypo.found).click()
    const person = new PersonPage(page)
    await expect(person.heading).toHaveText(demoPersonTypo.found)
    await expect(person.familyLink('Coulson family')).toBeVisible()
  })

  test('a practitioner opens each of a person’s and a family’s other pages', async ({ page }) => {
    await signInAs(page, practitioner)
    const household = await startHouseholdOverHttp(page, 'Imogen', uniqueSurname('Carver'))

    await page.goto(household.personPath)
    const person = new PersonPage(page)
    await expect(person.heading).toHaveText(household.personName)
    await expect(person.addresses).toContainText('3 Friar Gate, Derby, DE1 1BX')

    await person.addNameLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Add another name' })).toBeVisible()
    await page.getByRole('group', { name: 'Kind of name' }).getByRole('radio', { name: 'A previous name' }).check()
    await page.getByLabel('First name', { exact: true }).fill(household.personName.split(' ')[0]!)
    await page.getByLabel('Last name', { exact: true }).fill('Pryce')
    await page.getByRole('button', { name: 'Add the name' }).click()
    await expect(person.successBanner).toContainText('Name recorded.')
    await expect(person.detail('Previous names')).toHaveText(`${household.personName.split(' ')[0]} Pryce`)

    await person.newAddressLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Record a new address' })).toBeVisible()
    await page.getByRole('button', { name: 'Record the address' }).click()
    await expect(page.getByRole('link', { name: 'Enter the first line of the address' })).toBeVisible()
    const address: Address = { line1: '22 Bridge Gate', town: 'Derby', postcode: 'DE1 3AX' }
    await page.getByLabel('Address line 1', { exact: true }).fill(address.line1)
    await page.getByLabel('Town or city', { exact: true }).fill(address.town!)
    await page.getByLabel('Postcode', { exact: true }).fill(address.postcode)
    await page.getByRole('button', { name: 'Record the address' }).click()
    await expect(person.successBanner).toContainText('New address recorded.')
    await expect(person.addresses.getByRole('row', { name: /22 Bridge Gate, Derby, DE1 3AX/ })).toContainText(
      'Lives here now',
    )

    await person.chronologyLink.click()
    await expect(page).toHaveTitle(`Chronology – ${household.personName} – Tandem – ${practitioner.authorityName}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Chronology' })).toBeVisible()
    await page.goBack()

    await person.familyLink(household.familyName).click()
    const family = new FamilyPage(page)
    await expect(family.heading).toHaveText(household.familyName)
    await family.leaveLink(household.personName).click()
    await expect(page.getByRole('group', { name: `When did ${household.personName} leave the family?` })).toBeVisible()
    await page.goBack()

    await family.chronologyLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Chronology' })).toBeVisible()
    await expect(page.getByRole('table', { name: /entries?, newest first/ })).toContainText('Family record created')
    await page.getByRole('link', { name: 'Print view of the chronology' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Chronology: ${household.familyName}`)
    await page.getByRole('link', { name: 'Back to the chronology' }).click()
    await page.getByRole('link', { name: household.familyName }).click()

    await family.consentLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Consent to share information' })).toBeVisible()
    await page.getByRole('button', { name: 'Record consent' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Record consent to share information' })).toBeVisible()
    await page.getByRole('link', { name: 'Back', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Consent to share information' })).toBeVisible()
  })

  test('a team manager opens the merge and restriction pages of a person', async ({ page }) => {
    await signInAs(page, teamManager)
    const families = new FamiliesPage(page)
    await families.goto()
    const family = await families.openFamily('Bramley family')
    const name = (await family.members.getByRole('link').first().innerText()).trim()
    const person = await family.openPerson(name)
    await expect(person.heading).toHaveText(name)

    await person.mergeLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Merge a duplicate record' })).toBeVisible()
    await expect(page.getByLabel('Search by name')).toHaveValue(name)
    await page.getByRole('link', { name: 'Back', exact: true }).click()

    await person.restrictionLink.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Restrict this person' })).toBeVisible()
    await expect(page.getByRole('group', { name: 'Who else may see it?' })).toBeVisible()
    await page.getByRole('button', { name: 'Restrict', exact: true }).click()
    await expect(page.getByRole('link', { name: 'Enter why the record is restricted' })).toBeVisible()
  })
})
