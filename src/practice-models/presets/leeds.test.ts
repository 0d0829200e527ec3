import { describe, expect, it } from 'vitest'
import { practiceModelSchema } from '../schema.js'
import { leedsPreset } from './leeds.js'

// Each rule below quotes the seed it comes from: /work/shared/seeds/004_81afd1fede5c2821.txt (Leeds).

const codes = (items: readonly { code: string }[]) => items.map(item => item.code)

/** The item with this code; fails the test if there is none. */
function byCode<T extends { code: string }>(items: readonly T[], code: string): T {
  const item = items.find(candidate => candidate.code === code)
  if (!item) throw new Error(`No ${code}`)
  return item
}

/** Every `source` anywhere in the preset. */
function sources(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach(item => sources(item, found))
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'source' && typeof inner === 'string') found.push(inner)
      else sources(inner, found)
    }
  return found
}

/** The seed's section headings and glossary entries, as it writes them. */
const headings = [
  'Introduction',
  'Challenges in Leeds: The Local Context',
  'Early Help - the foundation of our approach',
  'The principles of Early Help',
  'Conversations',
  'How we respond to the needs of Children and Families',
  'Early Help Assessments',
  'Services in Leeds',
  'Universal services',
  'Best Start',
  'Cluster Based Targeted Services',
  'Families First',
  'Specialist Services',
  'Front Door – Duty and Advice',
  'When specialist services are not needed',
  'Concerns Resolution Process',
]
const glossary = [
  'Best Start',
  "Children's Social Work Service",
  'Clusters',
  'Conversation opportunities',
  'Duty and Advice Team',
  'Early help',
  'Early Help Assessment',
  'Early Start',
  'Early Support',
  'Family Information Service',
  'Front Door',
  'Integrated Processes Team',
  'Specialist',
  'Targeted',
  'Universal',
]
const tableRows = ['Universal Services', 'Cluster Based Targeted Services', 'Specialist Services']

describe('Leeds practice model preset', () => {
  it('is a valid practice model, unchanged by parsing', () => {
    const parsed = practiceModelSchema.parse(leedsPreset)
    expect(parsed).toEqual(leedsPreset)
    expect(parsed.preset).toBe('leeds')
    expect(parsed.schemaVersion).toBe(2)
    expect(parsed.name).toBe('Leeds City Council')
  })

  it('cites only the Leeds seed, and only its real section headings and glossary entries', () => {
    const cited = sources(leedsPreset)
    expect(cited.length).toBeGreaterThan(40)
    for (const source of cited)
      for (const part of source.split('; ')) {
        const valid =
          headings.some(heading => part === `004 ${heading}`) ||
          glossary.some(term => part === `004 Glossary: ${term}`) ||
          tableRows.some(row => part === `004 Early Help Assessments (services table: ${row})`)
        expect(valid, `${part} is not a heading of seed 004`).toBe(true)
      }
  })

  it('has no source on what the seed does not set (timescales, spider graph, outcome framework)', () => {
    // DESIGN §4's defaults: the Leeds seed sets no TAF, CSE, case-length, return-interview or re-opening timescale.
    expect(sources(leedsPreset.timescales)).toEqual([])
    expect(sources(leedsPreset.spiderGraphDomains)).toEqual([])
    expect(sources(leedsPreset.outcomeAreas)).toEqual([])
    expect(leedsPreset.frontDoor.undecidedAfter).toEqual({ value: 1, unit: 'working_days' })
    expect(leedsPreset.timescales).toMatchObject({
      initialTaf: { value: 6, unit: 'weeks' },
      tafReviewInterval: { value: 12, unit: 'weeks' },
      cseScreening: { value: 6, unit: 'weeks' },
      cseScreeningFromAge: { value: 10, unit: 'years' },
      caseLengthAim: { value: 9, unit: 'months' },
      caseLengthMaximum: { value: 12, unit: 'months' },
      returnInterview: { value: 72, unit: 'hours' },
      reopeningWindow: { value: 3, unit: 'months' },
    })
  })

  // 004_81afd1fede5c2821.txt (Services in Leeds): "We have responded to this challenge by organising our services
  // across twenty-five local clusters."
  it('organises services across twenty-five clusters', () => {
    const { areas } = leedsPreset
    expect(areas).toMatchObject({ kind: 'cluster', singular: 'cluster', plural: 'clusters' })
    expect(areas.names).toHaveLength(25)
    expect(new Set(areas.names).size).toBe(25)
    expect(areas.names[0]).toBe('Cluster 01')
    expect(areas.names[24]).toBe('Cluster 25')
    expect(areas.source).toContain('004 Services in Leeds')
  })

  // 004_81afd1fede5c2821.txt (How we respond to the needs of Children and Families): "holding conversations within
  // and between Universal, Targeted and Specialist Services"; (Conversations): "This is better than the use of
  // predetermined thresholds to define service responses".
  it('has three levels of need, universal, targeted and specialist, decided by conversation not threshold', () => {
    expect(codes(leedsPreset.levelsOfNeed)).toEqual(['universal', 'targeted', 'specialist'])
    expect(leedsPreset.levelsOfNeed.map(level => level.label)).toEqual(['Universal', 'Targeted', 'Specialist'])
    const universal = byCode(leedsPreset.levelsOfNeed, 'universal')
    const targeted = byCode(leedsPreset.levelsOfNeed, 'targeted')
    const specialist = byCode(leedsPreset.levelsOfNeed, 'specialist')
    expect(universal.description).toMatch(/does not use predetermined thresholds/)
    expect(universal.description).toMatch(/conversations/)
    expect(targeted.description).toMatch(/lead practitioner/)
    expect(specialist.description).toMatch(/significant harm/)
    expect(specialist.description).toMatch(/Duty and Advice/)
  })

  // 004_81afd1fede5c2821.txt (Introduction): "Specialist Services will be provided where the needs of the child are such
  // that statutory intervention is required to keep them safe or to ensure their continued development."
  it('marks only the specialist level as statutory', () => {
    expect(leedsPreset.levelsOfNeed.map(level => [level.code, level.statutory])).toEqual([
      ['universal', false],
      ['targeted', false],
      ['specialist', true],
    ])
    expect(byCode(leedsPreset.levelsOfNeed, 'specialist').source).toContain('004 Introduction')
  })

  // 004_81afd1fede5c2821.txt (Early Help - the foundation of our approach): "Anybody working with children, young
  // people and families is responsible for starting conversations"; (Conversations): "A check list approach is
  // mechanistic and identifies weaknesses."; (Early Help Assessments): "The Early Help Assessment should be a tool in
  // its own right and not simply a referral mechanism."
  it('comes in by a recorded conversation, with the Early Help Assessment as a tool and no checklist', () => {
    const { wayIn } = leedsPreset
    expect(wayIn.kind).toBe('conversation')
    expect(wayIn.label).toBe('Conversation')
    expect(codes(wayIn.tools)).toEqual(['conversation_record', 'early_help_assessment'])
    expect(byCode(wayIn.tools, 'early_help_assessment').description).toMatch(/not simply a referral mechanism/)
    expect(JSON.stringify(wayIn).toLowerCase()).not.toContain('checklist')
    expect(codes(leedsPreset.assessment.types)).toEqual(['conversation_record', 'early_help_assessment'])
    expect(leedsPreset.vocabulary.requestForSupport).toBe('conversation')
  })

  // 004_81afd1fede5c2821.txt (Front Door – Duty and Advice): "Through a quality conversation, the Duty and Advice
  // team will decide to either: Provide information to support the practitioner to manage the issue; Signpost to a
  // particular service; Request that the Integrated Processes Team respond to provide access to support from
  // Targeted or Universal Services; Create a referral for social work assessment". (When specialist services are not
  // needed): "the Targeted Services Leader will identify a potential lead practitioner to coordinate a cluster based
  // response."
  it("routes Duty and Advice's decisions: information, signpost, Integrated Processes, cluster, social work", () => {
    const { frontDoor } = leedsPreset
    expect(frontDoor.name).toBe('Duty and Advice')
    expect(Object.fromEntries(frontDoor.outcomes.map(outcome => [outcome.code, outcome.route]))).toEqual({
      information_given: 'closed',
      signpost: 'signpost',
      integrated_processes: 'panel',
      early_help_in_cluster: 'allocate',
      social_work_referral: 'social_care',
      child_protection_referral: 'social_care',
      more_information: 'more_information',
    })
    const cluster = byCode(frontDoor.outcomes, 'early_help_in_cluster')
    expect(cluster.description).toMatch(/Targeted Services Leader identifies a potential lead practitioner/)
    expect(cluster.source).toContain('004 When specialist services are not needed')
    expect(leedsPreset.vocabulary.frontDoor).toBe('Duty and Advice')
  })

  // 004_81afd1fede5c2821.txt (Front Door – Duty and Advice): "When any practitioner is concerned that a child is at
  // risk of significant harm, they must contact Duty and Advice team who will discuss the situation and decide
  // whether a child protection referral should be taken."
  it('sends risk of significant harm to Duty and Advice, and escalation closes as a step up', () => {
    expect(byCode(leedsPreset.concernCategories, 'significant_harm').description).toMatch(
      /must contact Duty and Advice/,
    )
    const stepUps = leedsPreset.closureGrounds.filter(ground => ground.stepUp)
    expect(codes(stepUps)).toEqual(['risk_escalated'])
    expect(leedsPreset.closureGrounds).toHaveLength(4)
  })

  // 004_81afd1fede5c2821.txt (Cluster Based Targeted Services): "Targeted Services Leaders (TSL) have been appointed
  // in each of the 25 clusters to promote and monitor effective integrated working. The mechanisms which are
  // currently used to ensure families receive the right service at the right time include; Top 100 methodology and
  // Guidance and Support meetings."
  it('holds a guidance and support meeting in each cluster, where the Targeted Services Leader finds a lead', () => {
    const { panel } = leedsPreset
    expect(panel.name).toBe('Guidance and support meeting')
    expect(panel.perArea).toBe(true)
    expect(panel.source).toContain('004 Cluster Based Targeted Services')
    expect(codes(panel.decisions)).toEqual([
      'lead_practitioner',
      'cluster_targeted_service',
      'universal_support',
      'specialist_service',
      'signpost',
      'no_further_action',
      'more_information',
    ])
    expect(byCode(panel.decisions, 'lead_practitioner').description).toMatch(
      /^The Targeted Services Leader identifies a lead practitioner/,
    )
    expect(leedsPreset.vocabulary.panel).toBe('guidance and support meeting')
  })

  // 004_81afd1fede5c2821.txt (When specialist services are not needed): "the Targeted Services Leader will identify a
  // potential lead practitioner to coordinate a cluster based response."; (services table, Cluster Based Targeted
  // Services): "Family Intervention and Support Services"; (How we respond…): specialist services for needs that
  // cannot be met in universal or targeted services.
  it('says what each guidance and support meeting decision does, and which cluster service allocation is to', () => {
    const service = (item: object) => ('service' in item ? item.service : undefined)
    expect(leedsPreset.panel.decisions.map(decision => [decision.code, decision.action, service(decision)])).toEqual([
      ['lead_practitioner', 'lead_professional', undefined],
      ['cluster_targeted_service', 'allocate', 'family_intervention_support'],
      ['universal_support', 'signpost', undefined],
      ['specialist_service', 'social_care', undefined],
      ['signpost', 'signpost', undefined],
      ['no_further_action', 'no_further_action', undefined],
      ['more_information', 'more_information', undefined],
    ])
    expect(service(byCode(leedsPreset.frontDoor.outcomes, 'early_help_in_cluster'))).toBe('family_intervention_support')
  })

  // 004_81afd1fede5c2821.txt (The principles of Early Help): "Someone should act as the lead practitioner. They should
  // lead on making sure the plan works."
  it("calls the lead professional Leeds' lead practitioner", () => {
    expect(leedsPreset.vocabulary).toEqual({
      leadProfessional: 'lead practitioner',
      teamAroundTheFamily: 'Team Around the Family',
      tafAbbreviation: 'TAF',
      requestForSupport: 'conversation',
      earlyHelpAssessment: 'Early Help Assessment',
      panel: 'guidance and support meeting',
      frontDoor: 'Duty and Advice',
      howWasItForYou: 'How Was It for You?',
      stepUp: 'step up',
      stepDown: 'step down',
    })
  })

  // 004_81afd1fede5c2821.txt (Early Help Assessments, services table): "Cluster Based Targeted Services • Family
  // Intervention and Support Services • Attendance Advisors • Targeted Mental Health Services • Youth Offending
  // Service • Speech and Language • Area Inclusion Partnerships • Behaviour Support • Short Breaks …"
  it('lists the cluster based targeted services, Early Start, Best Start and the specialist services', () => {
    const labels = leedsPreset.services.map(service => service.label)
    expect(labels).toEqual(
      expect.arrayContaining([
        'Family Intervention and Support Services',
        'Attendance Advisors',
        'Targeted Mental Health Services',
        'Youth Offending Service',
        'Speech and Language',
        'Area Inclusion Partnerships',
        'Behaviour Support',
        'Short Breaks',
        'Early Start',
        'Best Start',
        'Families First',
        'Integrated Processes Team',
        "Children's Social Work Service",
        'Complex Needs Service',
        'Multi-Systemic Therapy Service',
      ]),
    )
    const targeted = leedsPreset.services.filter(service =>
      service.source.includes('services table: Cluster Based Targeted Services'),
    )
    expect(targeted.length).toBeGreaterThanOrEqual(8)
  })

  // 004_81afd1fede5c2821.txt (Cluster Based Targeted Services): "The mechanisms which are currently used to ensure
  // families receive the right service at the right time include; Top 100 methodology and Guidance and Support
  // meetings. In this way targeted and specialist services are prioritised to families in greatest need…"
  it('describes the guidance and support meeting with the Top 100 methodology', () => {
    expect(leedsPreset.panel.description).toMatch(/Top 100 methodology/)
    expect(leedsPreset.panel.description).toMatch(/prioritised to the families in greatest need/)
    expect(leedsPreset.panel.source).toContain('004 Cluster Based Targeted Services')
  })

  // 004_81afd1fede5c2821.txt (Front Door – Duty and Advice): "Duty and Advice is a multi-agency team of qualified
  // professionals (including social workers, Police Officers and Health professionals) who have the training and
  // experience to discuss with other practitioners concerns they may have about a child…"
  it("describes Duty and Advice's role at the front door", () => {
    expect(leedsPreset.frontDoor.description).toMatch(/^A multi-agency team of qualified professionals/)
    expect(leedsPreset.frontDoor.description).toMatch(/child protection referral/)
    expect(leedsPreset.frontDoor.source).toContain('004 Front Door – Duty and Advice')
  })

  // 004_81afd1fede5c2821.txt (Conversations): "When a child's needs change and they move between different support
  // services conversations must also take place to ensure this happens in a planned and safe way." (How we respond…):
  // "As children's needs are met and concerns are reduced, we continue these conversations…"
  it('steps up and down by conversation, the help going on as needs change', () => {
    expect(leedsPreset.stepUpStepDown.levelsMayChangeWithinEpisode).toBe(true)
    expect(leedsPreset.stepUpStepDown.description).toMatch(/planned and safe way/)
    expect(leedsPreset.stepUpStepDown.source).toContain('004 Conversations')
  })

  // 004_81afd1fede5c2821.txt (Introduction): "…a commitment to early help through a range of evidence based
  // interventions."; (services table, Specialist Services): "Multi-Systemic Therapy Service".
  it('names Multi-Systemic Therapy from the seed, and cites nothing for the other programmes', () => {
    const [mst, ...others] = leedsPreset.evidenceBasedProgrammes
    expect(mst).toMatchObject({ code: 'multi_systemic_therapy', label: 'Multi-Systemic Therapy (MST)' })
    expect(mst?.source).toContain('004 Early Help Assessments (services table: Specialist Services)')
    expect(others.length).toBeGreaterThan(0)
    expect(sources(others)).toEqual([])
  })

  it('uses the usual progression tools and over-12-months sign-off, which the seed does not set, without a source', () => {
    const tools = leedsPreset.progressionTools
    expect(byCode(tools, 'spider_graph').when).toBe('baseline_and_reviews')
    expect(byCode(tools, 'graded_care_profile')).toMatchObject({ when: 'where_concern', concerns: ['neglect'] })
    expect(byCode(tools, 'dash')).toMatchObject({ when: 'where_concern', concerns: ['domestic_violence'] })
    expect(byCode(tools, 'cse_screening')).toMatchObject({ when: 'age_from', age: 10 })
    expect(sources(tools)).toEqual([])
    expect(sources(leedsPreset.overTwelveMonthsSignOff)).toEqual([])
    expect(byCode(leedsPreset.concernCategories, 'neglect').source).toBeUndefined()
  })

  it('uses no Derby or Durham words', () => {
    const json = JSON.stringify(leedsPreset)
    expect(json).not.toMatch(/vulnerable child/i)
    expect(json).not.toMatch(/\bVCM\b/)
    expect(json).not.toMatch(/localit(y|ies)/i)
    expect(json).not.toMatch(/derby|durham/i)
    expect(json).not.toMatch(/pre-assessment checklist|request for support/i)
    expect(json).not.toMatch(/\bMASH\b|staircase|continuum/i)
    expect(json).not.toMatch(/\bPARA\b/)
  })
})
