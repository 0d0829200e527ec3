import type { Executor } from '../data/database.js'
import { insertFamily, insertFamilyMember, insertFamilyProfessional, insertPerson } from '../data/records.js'
import type { FamilyMemberRole, Role } from '../data/schema.js'
import { insertTeam, insertUser, listAuthorities } from '../data/staff.js'
import { roleLabels } from '../policies/index.js'
import type { PresetName } from '../practice-models/presets/index.js'
import type { ServiceDeps } from './context.js'
import type { createAuthorityService } from './authorities.js'
import { hashPassword } from './passwords.js'

/** The one password every demo user signs in with: three random words, as NCSC advises. */
export const DEMO_PASSWORD = 'walnut-harbour-lantern'

interface DemoAuthority {
  slug: PresetName
  name: string
  teams: { name: string; area: number }[]
  staff: Partial<Record<Role, string>>
  /** A practitioner in the second team, so "my team's families" visibly leaves some out. */
  secondPractitioner: string
  /** Surnames for the synthetic families, so each authority's demo reads differently. */
  surnames: string[]
}

// Synthetic people only. Each authority starts from its own preset (its areas come from there: Derby's
// three localities, Durham's North / South / East, Leeds' twenty-five clusters); teams name an area by
// its place in the preset's list.
const demoAuthorities: DemoAuthority[] = [
  {
    slug: 'derby',
    name: 'Derby City Council',
    teams: [
      { name: 'Locality 1 Multi-Agency Team', area: 0 },
      { name: 'Locality 2 Multi-Agency Team', area: 1 },
      { name: 'Locality 3 Multi-Agency Team', area: 2 },
      { name: 'Locality 1 Children’s Centres', area: 0 },
    ],
    staff: {
      practitioner: 'Priya Sandhu',
      team_manager: 'Gareth Allsop',
      head_of_service: 'Helen Marsh',
      front_door: 'Dev Kapoor',
      panel_chair: 'Ruth Beeston',
      partner: 'Tom Ridley',
      qa_auditor: 'Ann Whitworth',
      performance_analyst: 'Sam Okafor',
      admin: 'Liz Carver',
    },
    secondPractitioner: 'Jordan Whitfield',
    surnames: ['Ashworth', 'Bramley', 'Coulson', 'Dunmore', 'Elwood', 'Fairley'],
  },
  {
    slug: 'durham',
    name: 'Durham County Council',
    teams: [
      { name: 'North Early Help Team', area: 0 },
      { name: 'South Early Help Team', area: 1 },
      { name: 'East Early Help Team', area: 2 },
    ],
    staff: {
      practitioner: 'Kerry Armstrong',
      team_manager: 'Neil Robson',
      head_of_service: 'Joanne Pattinson',
      front_door: 'Craig Tennant',
      panel_chair: 'Lesley Hodgson',
      partner: 'Mark Elliott',
      qa_auditor: 'Wendy Bainbridge',
      performance_analyst: 'Chris Lumsden',
      admin: 'Paula Dodds',
    },
    secondPractitioner: 'Sasha Whitfield',
    surnames: ['Gowland', 'Hetherington', 'Iveson', 'Jobling', 'Kirtley', 'Laidler'],
  },
  {
    slug: 'leeds',
    name: 'Leeds City Council',
    teams: [
      { name: 'Cluster 01 Targeted Services', area: 0 },
      { name: 'Cluster 02 Targeted Services', area: 1 },
      { name: 'Cluster 03 Targeted Services', area: 2 },
    ],
    staff: {
      practitioner: 'Aisha Rahman',
      team_manager: 'Dave Holroyd',
      head_of_service: 'Margaret Firth',
      front_door: 'Imran Hussain',
      panel_chair: 'Julie Sutcliffe',
      partner: 'Rachel Ackroyd',
      qa_auditor: 'Steve Crowther',
      performance_analyst: 'Nadia Mahmood',
      admin: 'Gary Lister',
    },
    secondPractitioner: 'Sasha Whitfield',
    surnames: ['Moorhouse', 'Naylor', 'Oldroyd', 'Pickersgill', 'Quarmby', 'Rushworth'],
  },
]

export interface DemoSignIn {
  authority: string
  role: string
  name: string
  email: string
}

const demoEmail = (role: Role, slug: string) => `${role.replace(/_/g, '-')}@${slug}.tandem.example`

const partnerAgencies: Record<string, string> = {
  derby: 'Brookfield Primary School',
  durham: 'County Durham Health Visiting',
  leeds: 'Westfield Community Trust',
}

const childNames = [
  'Ellie',
  'Jayden',
  'Maisie',
  'Kai',
  'Amelia',
  'Reuben',
  'Isla',
  'Tyler',
  'Freya',
  'Leo',
  'Ruby',
  'Mason',
]
const adultNames = [
  'Claire',
  'Daniel',
  'Leanne',
  'Stuart',
  'Kirsty',
  'Wayne',
  'Hayley',
  'Lee',
  'Gemma',
  'Carl',
  'Sian',
  'Paul',
]

/** Seeds the three demo authorities on an empty database, in one transaction; does nothing otherwise. */
export function createDemoService(
  { database, clock }: ServiceDeps,
  authorities: ReturnType<typeof createAuthorityService>,
) {
  const { db } = database

  async function seedAuthority(ex: Executor, demo: DemoAuthority, passwordHash: string, signIns: DemoSignIn[]) {
    const now = clock.now()
    const { authorityId, areaIds } = await authorities.provision(ex, {
      slug: demo.slug,
      name: demo.name,
      preset: demo.slug,
    })
    const teamIds: string[] = []
    for (const team of demo.teams) {
      teamIds.push(
        (await insertTeam(ex, authorityId, { name: team.name, areaId: areaIds[team.area] ?? null, now })).team_id,
      )
    }
    const userIds = new Map<Role, string>()
    for (const [role, name] of Object.entries(demo.staff) as [Role, string][]) {
      const worksInTeam = role === 'practitioner' || role === 'team_manager'
      const worksInArea = worksInTeam || role === 'head_of_service' || role === 'panel_chair'
      const email = demoEmail(role, demo.slug)
      const userId = await insertUser(ex, {
        authority_id: authorityId,
        email,
        display_name: name,
        role,
        team_id: worksInTeam ? (teamIds[0] ?? null) : null,
        area_id: worksInArea ? (areaIds[0] ?? null) : null,
        agency: role === 'partner' ? (partnerAgencies[demo.slug] ?? null) : null,
        job_title: role === 'practitioner' ? 'Early help worker' : roleLabels[role],
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      userIds.set(role, userId)
      signIns.push({ authority: demo.name, role: roleLabels[role], name, email })
    }
    await insertUser(ex, {
      authority_id: authorityId,
      email: `practitioner-2@${demo.slug}.tandem.example`,
      display_name: demo.secondPractitioner,
      role: 'practitioner',
      team_id: teamIds[1] ?? null,
      area_id: areaIds[1] ?? null,
      agency: null,
      job_title: 'Family support worker',
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
    })
    const byUser = userIds.get('admin')!
    for (const [index, surname] of demo.surnames.entries()) {
      const teamIndex = index < 4 ? 0 : 1
      const familyId = await insertFamily(ex, {
        authorityId,
        name: `${surname} family`,
        areaId: areaIds[teamIndex] ?? null,
        teamId: teamIds[teamIndex] ?? null,
        by: byUser,
        at: now,
      })
      const members: { given: string; born: string; role: FamilyMemberRole }[] = [
        {
          given: adultNames[(index * 2) % adultNames.length]!,
          born: `${1984 + index}-0${(index % 9) + 1}-14`,
          role: 'parent',
        },
        {
          given: childNames[(index * 2) % childNames.length]!,
          born: `${2012 + index}-1${index % 3}-0${(index % 8) + 1}`,
          role: 'child',
        },
        {
          given: childNames[(index * 2 + 1) % childNames.length]!,
          born: `${2016 + index}-0${(index % 9) + 1}-2${index % 8}`,
          role: 'child',
        },
      ]
      if (index % 2 === 0) {
        members.splice(1, 0, {
          given: adultNames[(index * 2 + 1) % adultNames.length]!,
          born: `${1981 + index}-11-03`,
          role: 'parent',
        })
      }
      for (const member of members) {
        const personId = await insertPerson(ex, {
          authorityId,
          givenName: member.given,
          familyName: surname,
          dateOfBirth: member.born,
          by: byUser,
          at: now,
        })
        await insertFamilyMember(ex, { authorityId, familyId, personId, role: member.role, joinedOn: null })
      }
      if (index === 0 || index === 4) {
        await insertFamilyProfessional(ex, {
          authorityId,
          familyId,
          userId: userIds.get('partner')!,
          involvement: 'Designated safeguarding lead',
        })
      }
    }
  }

  return {
    /** Seeds the demo if no authority exists yet; returns the sign-ins to print, or [] if it did nothing. */
    async seedIfEmpty(onProgress: (message: string) => void = () => undefined): Promise<DemoSignIn[]> {
      if ((await listAuthorities(db)).length > 0) return []
      const passwordHash = await hashPassword(DEMO_PASSWORD)
      const signIns: DemoSignIn[] = []
      await db.transaction().execute(async trx => {
        for (const demo of demoAuthorities) {
          onProgress(`Seeding the demo: ${demo.name}…`)
          await seedAuthority(trx, demo, passwordHash, signIns)
        }
      })
      return signIns
    },

    /** The demo sign-ins of whatever authorities the demo seeded, for printing at start. */
    signIns(): DemoSignIn[] {
      return demoAuthorities.flatMap(demo =>
        (Object.entries(demo.staff) as [Role, string][]).map(([role, name]) => ({
          authority: demo.name,
          role: roleLabels[role],
          name,
          email: demoEmail(role, demo.slug),
        })),
      )
    },
  }
}
