import { sql } from 'kysely'
import type { Db } from '../src/data/database.js'
import { isValidNhsNumber, isValidPostcode, isValidUpn, upnCheckLetter } from '../src/lib/identifiers.js'
import { normaliseName } from '../src/lib/names.js'

// Synthetic people only: names from lists common in England (and in Derby's Punjabi, Pakistani, Polish,
// Slovak and Caribbean communities), NHS numbers from the 999 range the NHS keeps for test data.

const words = (list: string) => list.trim().split(/\s+/)

// Rough order of frequency: the generator picks the first ones more often, so some surnames are common.
const surnames = words(`
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris
Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young
Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan
Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali
Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher
Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart
Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill
Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson
Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland
Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates
Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls
Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss
McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George
Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis Higgins Read Miles Stevenson Hammond Arnold Buckley
Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch
Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood Jennings Holt Kemp
Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley Jarvis
Gibbs Ferguson Hayward Carroll Douglas Dickinson Todd Barlow Peters Lucas Knowles Hartley Miah Simmons Morton
Alexander Field Morrison Norris Townsend Preston Hancock Sandhu Dhillon Bains Sidhu Johal Iqbal Mahmood Rashid
Hussein Kowalski Nowak Wiśniewski Wójcik Lewandowski Dąbrowski Kamiński Zieliński Horváth Balog Gaži Okafor
Mensah Adeyemi Asante Allsop Bakewell Storer Hallam Greatorex Taylor-Brown
`)

const girls = words(`
Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Grace Freya Florence Willow Evie Ella Poppy Daisy
Charlotte Emily Sienna Elsie Ruby Phoebe Sophie Matilda Harper Maya Alice Millie Rosie Jessica Chloe Zoë Chloé
Hannah Lucy Megan Holly Leah Amber Aisha Fatima Maryam Zainab Ayesha Amara Simran Harleen Jasleen Priya Zofia
Zuzanna Łucja Julia Hanna Natalia Kinga Denisa Nikola Adriana Claire Leanne Kirsty Hayley Gemma Sian Sarah
Emma Laura Rebecca Stacey Donna Nicola Michelle Lisa Joanne Samantha Kelly Natalie Victoria Danielle Jodie
Kerry Zoe Charlene Tracey Rachel Katie Jade Stephanie Louise Amy Jennifer Catherine Elizabeth Helen Karen
Angela Deborah Susan Shannon Courtney Abigail Bethany Eleanor Georgia Imogen Jasmine Kayleigh Mary-Jane
`)

const boys = words(`
Muhammad Noah Oliver George Leo Arthur Oscar Theodore Freddie Theo Archie Henry Alfie Jack Charlie Finley
Jacob Thomas Lucas Isaac Tommy Edward Albie Harry Teddy Ezra Jude Reggie Rory Elijah James William Joshua
Daniel Samuel Joseph Benjamin Mason Jayden Kai Reuben Tyler Riley Logan Ethan Dylan Callum Connor Lewis Owen
Ibrahim Yusuf Ayaan Hamza Zayn Omar Bilal Arjun Gurpreet Harpreet Jakub Kacper Szymon Filip Wojciech Mateusz
Łukasz Patrik Dominik Marek Stuart Wayne Lee Carl Paul Mark Darren Craig Jason Richard Andrew Michael David
Christopher Matthew Steven Gary Neil Dean Scott Ryan Adam Ashley Jamie Liam Luke Aaron Kieran Nathan John
Jonathan Anthony Robert Peter Simon Martin Kevin Ian Anthony-James
`)

const streets = `
Abbey Street|Ashbourne Road|Babington Lane|Burton Road|Carlton Road|Chaddesden Lane|Derwent Street|
Duffield Road|Friar Gate|Kedleston Road|London Road|Normanton Road|Osmaston Road|Pear Tree Road|
Rosehill Street|St Thomas Road|Stenson Road|Uttoxeter Road|Victoria Street|Whitaker Road|Allenton Drive|
Alvaston Street|Brisbane Road|Cotton Lane|Dale Road|Elms Avenue|Fernhill Close|Glossop Street|
Harrington Street|Littleover Lane
`
  .trim()
  .split(/\s*\|\s*/)

// Derby's city postcode districts; inward units from the letters Royal Mail uses there.
const districts = ['DE1', 'DE3', 'DE21', 'DE22', 'DE23', 'DE24']
const unitFirst = 'ABDEFGHJLNPQRSTUWXYZ'
const unitSecond = 'ABDE'

/** mulberry32: a small seeded generator, so every run makes the same people. */
function seeded(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The NHS number with these nine digits, or undefined when no check digit exists for them. */
function nhsNumber(nine: number): string | undefined {
  const digits = String(nine).padStart(9, '0')
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return undefined
  const number = digits + String(check === 11 ? 0 : check)
  return isValidNhsNumber(number) ? number : undefined
}

const dayMs = 86_400_000
const isoDate = (date: Date) => date.toISOString().slice(0, 10)

export interface GeneratedPeople {
  families: number
  people: number
  withNhsNumber: number
  withUpn: number
  addresses: number
}

/**
 * Synthetic families at scale for one authority: `families` families of four people (two adults, two
 * children), spread over the authority's teams and areas. Names come from lists large enough that a
 * fuzzy search has real work; `search_name` is what the records service writes (normaliseName of the
 * full name). About half the people have an NHS number and every school-age child a UPN, each valid
 * and unique; every family has a current Derby postcode (some a previous one too), on the family and
 * as each member's `person_address`. The same seed makes the same people (and the same ids); written
 * in chunks of set-based inserts from JSON: 100,000 people take about 40 s on PostgreSQL, 80 s on PGlite.
 */
export async function generateFamilies(
  db: Db,
  authorityId: string,
  families: number,
  createdBy: string,
  options: { today?: Date; seed?: number; chunk?: number } = {},
): Promise<GeneratedPeople> {
  const today = options.today ?? new Date()
  const random = seeded(options.seed ?? 20_250_601)
  const chunk = options.chunk ?? 2_500
  // Identifiers from the same generator, so the same seed gives the same rows in the same order.
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
    hex[12] = '4'
    hex[16] = '89ab'[Math.floor(random() * 4)]!
    const s = hex.join('')
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
  }
  const pick = <T>(list: readonly T[], skew = 1) => list[Math.floor(list.length * random() ** skew)]!
  const daysBefore = (days: number) => new Date(today.getTime() - days * dayMs)

  const teams = await db
    .selectFrom('team')
    .select(['team_id', 'area_id'])
    .where('authority_id', '=', authorityId)
    .orderBy('name')
    .orderBy('team_id')
    .execute()
  if (teams.length === 0) throw new Error('The authority has no teams to give the families to')
  // Identifiers already in the authority (the demo's, an earlier call's) are skipped, so none is repeated.
  const taken = await db
    .selectFrom('person')
    .select(['nhs_number', 'upn'])
    .where('authority_id', '=', authorityId)
    .where(eb => eb.or([eb('nhs_number', 'is not', null), eb('upn', 'is not', null)]))
    .execute()
  const takenNhs = new Set(taken.map(row => row.nhs_number))
  const takenUpn = new Set(taken.map(row => row.upn))
  let nhsSerial = 999_100_000
  let upnSerial = 0
  const totals: GeneratedPeople = { families: 0, people: 0, withNhsNumber: 0, withUpn: 0, addresses: 0 }

  for (let first = 1; first <= families; first += chunk) {
    const familyRows: Record<string, string | null>[] = []
    const personRows: Record<string, string | null>[] = []
    const memberRows: Record<string, string>[] = []
    const addressRows: Record<string, string | null>[] = []
    for (let g = first; g < Math.min(first + chunk, families + 1); g++) {
      const team = teams[g % teams.length]!
      const familyId = uuid()
      const surname = pick(surnames, 1.5)
      const postcodeOf = () =>
        `${pick(districts)} ${Math.floor(random() * 10)}${pick(unitFirst.split(''))}${pick(unitSecond.split(''))}`
      const postcode = postcodeOf()
      if (!isValidPostcode(postcode)) throw new Error(`Generated an invalid postcode: ${postcode}`)
      const line1 = `${1 + Math.floor(random() * 180)} ${pick(streets)}`
      familyRows.push({
        family_id: familyId,
        name: `${surname} family`,
        area_id: team.area_id,
        team_id: team.team_id,
        line1,
        postcode,
      })
      // Ages in days: two children of 0 to 17, a mother 18 to 40 years older than the elder.
      const childAges = [Math.floor(random() * 18 * 365), Math.floor(random() * 18 * 365)]
      const motherAge = Math.max(...childAges) + Math.floor((18 + random() * 22) * 365)
      const fatherAge = Math.max(18 * 365, motherAge + Math.floor((random() * 10 - 3) * 365))
      const movedIn = isoDate(daysBefore(Math.floor(random() * Math.min(...childAges, 3650))))
      const previous = random() < 0.15 ? postcodeOf() : null
      // Most second adults are the father, some keep their own surname.
      const secondIsMan = random() < 0.9
      const members = [
        { given: pick(girls, 1.2), family: surname, gender: '2', age: motherAge, role: 'parent' },
        {
          given: pick(secondIsMan ? boys : girls, 1.2),
          family: random() < 0.75 ? surname : pick(surnames, 1.5),
          gender: secondIsMan ? '1' : '2',
          age: fatherAge,
          role: 'parent',
        },
        ...childAges.map(age => {
          const boy = random() < 0.5
          return { given: pick(boy ? boys : girls, 1.2), family: surname, gender: boy ? '1' : '2', age, role: 'child' }
        }),
      ]
      for (const member of members) {
        const personId = uuid()
        const born = daysBefore(member.age)
        let nhs: string | null = null
        if (random() < 0.5) {
          while (!nhs || takenNhs.has(nhs)) nhs = nhsNumber(nhsSerial++) ?? null
        }
        // A UPN is given when a child starts school (the September after they turn four) and kept to 16.
        const years = Math.floor(member.age / 365.25)
        let upn: string | null = null
        if (member.role === 'child' && years >= 4 && years <= 16) {
          const started = String((born.getUTCFullYear() + 4) % 100).padStart(2, '0')
          do {
            const body = `831${2000 + Math.floor(upnSerial / 1000)}${started}${String(upnSerial % 1000).padStart(3, '0')}`
            upnSerial++
            upn = `${upnCheckLetter(body)!}${body}`
          } while (takenUpn.has(upn))
          if (!isValidUpn(upn)) throw new Error(`Generated an invalid UPN: ${upn}`)
        }
        personRows.push({
          person_id: personId,
          given_name: member.given,
          family_name: member.family,
          search_name: normaliseName(`${member.given} ${member.family}`),
          date_of_birth: isoDate(born),
          gender: member.gender,
          nhs_number: nhs,
          upn,
        })
        memberRows.push({ family_id: familyId, person_id: personId, role: member.role })
        addressRows.push({ person_id: personId, line1, postcode, moved_in: movedIn, moved_out: null })
        if (previous) {
          addressRows.push({
            person_id: personId,
            line1: `${1 + Math.floor(random() * 180)} ${pick(streets)}`,
            postcode: previous,
            moved_in: null,
            moved_out: movedIn,
          })
        }
        if (nhs) totals.withNhsNumber++
        if (upn) totals.withUpn++
      }
    }
    await sql`
      insert into family (authority_id, family_id, name, area_id, team_id, address_line1, town, postcode,
        created_at, created_by, updated_at, updated_by)
      select ${authorityId}, x.family_id, x.name, x.area_id, x.team_id, x.line1, 'Derby', x.postcode,
        now(), ${createdBy}, now(), ${createdBy}
      from jsonb_to_recordset(${JSON.stringify(familyRows)}::jsonb)
        as x(family_id uuid, name text, area_id uuid, team_id uuid, line1 text, postcode text)`.execute(db)
    await sql`
      insert into person (authority_id, person_id, given_name, family_name, search_name, date_of_birth, gender,
        nhs_number, upn, created_at, created_by, updated_at, updated_by)
      select ${authorityId}, x.person_id, x.given_name, x.family_name, x.search_name, x.date_of_birth, x.gender,
        x.nhs_number, x.upn, now(), ${createdBy}, now(), ${createdBy}
      from jsonb_to_recordset(${JSON.stringify(personRows)}::jsonb) as x(person_id uuid, given_name text,
        family_name text, search_name text, date_of_birth date, gender text, nhs_number text, upn text)`.execute(db)
    // The foreign key checks' plans are made once and kept: made while the tables were all but empty,
    // they scan them whole, so each chunk's checks would take longer than the last. Fresh statistics
    // replan them to use the primary keys.
    await sql`analyze family, person`.execute(db)
    await sql`
      insert into family_member (authority_id, family_id, person_id, role)
      select ${authorityId}, x.family_id, x.person_id, x.role
      from jsonb_to_recordset(${JSON.stringify(memberRows)}::jsonb) as x(family_id uuid, person_id uuid, role text)`.execute(
      db,
    )
    await sql`
      insert into person_address (authority_id, person_id, line1, town, postcode, moved_in, moved_out, recorded_at,
        recorded_by)
      select ${authorityId}, x.person_id, x.line1, 'Derby', x.postcode, x.moved_in, x.moved_out, now(), ${createdBy}
      from jsonb_to_recordset(${JSON.stringify(addressRows)}::jsonb)
        as x(person_id uuid, line1 text, postcode text, moved_in date, moved_out date)`.execute(db)
    totals.families += familyRows.length
    totals.people += personRows.length
    totals.addresses += addressRows.length
  }
  await sql`analyze`.execute(db)
  return totals
}
