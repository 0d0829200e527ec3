import { describe, expect, it } from 'vitest'
import { practiceModelSchema } from '../schema.js'
import { derbyPreset } from './derby.js'

/** The progression tool with this code; fails the test if there is none. */
function tool(code: string) {
  const found = derbyPreset.progressionTools.find(candidate => candidate.code === code)
  if (!found) throw new Error(`No tool ${code}`)
  return found
}

// The seeds quoted below are in ../shared/seeds/ (DESIGN.md): 000_d6fbec82994b68a9.txt (Derby's Early Help
// strategy), 001_cfe3ebe7e928b659.txt (Derby's case work guidance) and 003_e9f5ab6753ae1fa9.txt (Derby's annual
// effectiveness report 2015-16).

describe('Derby preset', () => {
  it('is a valid practice model', () => {
    const parsed = practiceModelSchema.parse(derbyPreset)
    expect(parsed.preset).toBe('derby')
    expect(parsed.schemaVersion).toBe(2)
    expect(parsed.name).toBe('Derby City Council')
  })

  it('cites only Derby seeds (000, 001, 003), never another authority’s', () => {
    const sources: string[] = []
    const collect = (value: unknown, key?: string): void => {
      if (key === 'source' && typeof value === 'string') sources.push(value)
      else if (Array.isArray(value)) value.forEach(item => collect(item))
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => collect(v, k))
    }
    collect(derbyPreset)
    expect(sources.length).toBeGreaterThan(50)
    for (const source of sources) {
      expect(source).toMatch(/^00[013] /)
      expect(source).not.toMatch(/\b00[24]\b/)
    }
  })

  // 001_cfe3ebe7e928b659.txt §1: "…the delivery of early help services across the three locality teams in the city."
  // 000_d6fbec82994b68a9.txt: "Vulnerable Children's Meetings (VCM) occur in all three localities within the city…"
  it('has three localities', () => {
    expect(derbyPreset.areas.kind).toBe('locality')
    expect(derbyPreset.areas.singular).toBe('locality')
    expect(derbyPreset.areas.plural).toBe('localities')
    expect(derbyPreset.areas.names).toEqual(['Locality 1', 'Locality 2', 'Locality 3'])
  })

  // 001_cfe3ebe7e928b659.txt §2: "The levels of need contained within the thresholds document are as follows: Low level
  // needs … Emerging needs … Complex or serious needs … Child protection concerns …"
  // 003_e9f5ab6753ae1fa9.txt §3: "Number of Early Help/level 2 cases", "Number of child In need (CIN)/level 3 cases".
  it('has the four levels of need of the thresholds document, in order', () => {
    const levels = derbyPreset.levelsOfNeed
    expect(levels.map(level => level.code)).toEqual(['level-1', 'level-2', 'level-3', 'level-4'])
    expect(levels.map(level => level.label)).toEqual([
      'Level 1: universal (low level needs)',
      'Level 2: emerging needs (early help)',
      'Level 3: complex needs (child in need)',
      'Level 4: child protection',
    ])
    expect(levels[0]?.description).toContain('universal service are able to address')
    expect(levels[1]?.description).toContain('co-ordinated through an early help assessment')
    expect(levels[2]?.description).toContain('section 17 of the Children Act 1989')
    expect(levels[3]?.description).toContain('section 47 of the Children Act (1989)')
    for (const level of levels) expect(level.source).toMatch(/^001 §2/)
  })

  // 001_cfe3ebe7e928b659.txt §2: "Complex or serious needs where assessment and help is likely to be required as a child
  // in need (section 17 of the Children Act 1989) …" and "Child protection concerns … the child assessed under section
  // 47 of the Children Act (1989)"; "Where a child has complex needs, a referral should be made to Children's Social
  // Care, although Early Help also work with level 3 cases."
  it('marks levels 3 (child in need) and 4 (child protection) as statutory social care', () => {
    expect(derbyPreset.levelsOfNeed.map(level => [level.code, level.statutory])).toEqual([
      ['level-1', false],
      ['level-2', false],
      ['level-3', true],
      ['level-4', true],
    ])
  })

  // 000_d6fbec82994b68a9.txt: "Access to the Local Authority Targeted Early Help Services in Derby is via Early Help
  // Assessment for a targeted Intervention, we use the Early Help Pre-assessment Checklist and Request for Support Form…"
  it('comes in by a request for support with the pre-assessment checklist and the Early Help Assessment', () => {
    expect(derbyPreset.wayIn.kind).toBe('request_for_support')
    expect(derbyPreset.wayIn.tools.map(tool => tool.code)).toEqual([
      'pre-assessment-checklist',
      'early-help-assessment',
    ])
    expect(derbyPreset.assessment.types.map(type => type.code)).toEqual([
      'pre-assessment-checklist',
      'early-help-assessment',
      'single-assessment',
    ])
  })

  // 000_d6fbec82994b68a9.txt: "The assessment is presented at the local authorities Vulnerable Children's panel. This is
  // the route to access LA Targeted Early Help Services in the City." and "…an on-line referral should be made to
  // Children's Social Care."
  it('routes front door outcomes to closure, signposting, the VCM, social care or more information', () => {
    const routes = Object.fromEntries(derbyPreset.frontDoor.outcomes.map(outcome => [outcome.code, outcome.route]))
    expect(routes).toEqual({
      'advice-information': 'closed',
      signpost: 'signpost',
      'vulnerable-childrens-meeting': 'panel',
      'social-care': 'social_care',
      'more-information': 'more_information',
    })
    expect(derbyPreset.frontDoor.undecidedAfter.unit).toBe('working_days')
    expect(derbyPreset.frontDoor.undecidedAfter.value).toBeGreaterThan(0)
  })

  // 000_d6fbec82994b68a9.txt: "Vulnerable Children's Meetings (VCM) occur in all three localities within the city on a
  // weekly basis, at a set day and time."
  // 001_cfe3ebe7e928b659.txt §2: "…decisions as regards whether cases meet the Early Help or Complex Needs threshold are
  // made in the weekly Vulnerable Children Meeting (VCM)."
  it("holds a weekly Vulnerable Children's Meeting in each locality", () => {
    expect(derbyPreset.panel.name).toBe("Vulnerable Children's Meeting")
    expect(derbyPreset.panel.cadence).toBe('weekly')
    expect(derbyPreset.panel.perArea).toBe(true)
    expect(derbyPreset.vocabulary.panel).toBe("Vulnerable Children's Meeting")
    expect(derbyPreset.panel.decisions.map(decision => decision.code)).toEqual(
      expect.arrayContaining([
        'targeted-early-help',
        'childrens-centre',
        'partner-led-taf',
        'social-care-threshold-met',
        'signpost',
        'no-further-action',
        'more-information',
      ]),
    )
  })

  // 000_d6fbec82994b68a9.txt: "Allocation of a piece of work to an Early Help Team or a Children's Centre…"; "If the
  // assessment does not meet the criteria professionals are signposted to other services and resources."; "Provide
  // advice back to agencies who are concerned about cases where they are the Lead Professionals…"
  // 003_e9f5ab6753ae1fa9.txt §4: "agencies can run TAF meetings without the need for an Early Help service."
  it("says what each of the Vulnerable Children's Meeting's decisions does, and with which service", () => {
    expect(
      derbyPreset.panel.decisions.map(decision => [
        decision.code,
        decision.action,
        'service' in decision ? decision.service : undefined,
      ]),
    ).toEqual([
      ['targeted-early-help', 'allocate', 'locality-early-help-team'],
      ['childrens-centre', 'allocate', 'childrens-centre'],
      ['partner-led-taf', 'lead_professional', 'partner-led'],
      ['advice-to-lead-professional', 'advice', undefined],
      ['social-care-threshold-met', 'social_care', undefined],
      ['signpost', 'signpost', undefined],
      ['no-further-action', 'no_further_action', undefined],
      ['more-information', 'more_information', undefined],
    ])
  })

  // 001_cfe3ebe7e928b659.txt §4: "Cases should be closed where: • The goals (contained within the TAF plan/review plan)
  // relating to the early help practitioner have been completed; • Where no progress against the TAF plan is being made
  // and there is no assessed or identified risk of significant harm; • Where the family no longer want to engage in the
  // voluntary service and there is no risk of significant harm; • Where risk escalates and there is no scope for Early
  // Help services to remain involved in the case."
  it('has the four closure grounds of the case work guidance, word for word, and only escalating risk steps up', () => {
    expect(derbyPreset.closureGrounds.map(ground => [ground.label, ground.stepUp])).toEqual([
      [
        'The goals (contained within the TAF plan/review plan) relating to the early help practitioner have been completed',
        false,
      ],
      [
        'Where no progress against the TAF plan is being made and there is no assessed or identified risk of significant harm',
        false,
      ],
      [
        'Where the family no longer want to engage in the voluntary service and there is no risk of significant harm',
        false,
      ],
      ['Where risk escalates and there is no scope for Early Help services to remain involved in the case', true],
    ])
  })

  // 001_cfe3ebe7e928b659.txt §4: "The Early Help worker will arrange and co-ordinate a Team around the Family (TAF) meeting
  // with professionals from other agencies and the family within 6 weeks of allocation."
  it('holds the initial TAF within 6 weeks of allocation', () => {
    expect(derbyPreset.timescales.initialTaf).toMatchObject({ value: 6, unit: 'weeks' })
  })

  // 001_cfe3ebe7e928b659.txt §4: "TAF review meetings must be held on a regular basis, i.e. no longer than 12 weeks."
  it('holds TAF reviews no more than 12 weeks apart', () => {
    expect(derbyPreset.timescales.tafReviewInterval).toMatchObject({ value: 12, unit: 'weeks' })
  })

  // 001_cfe3ebe7e928b659.txt §4: "The maximum length of time an Early Help case should remain open is 12 months."
  // 000_d6fbec82994b68a9.txt: "…make every effort to complete work within 6-9 months. Any cases remaining open for more
  // than 12 months require sign off from a Senior Manager."
  it('aims to close within 9 months (the upper end of 6-9) and keeps a case open no more than 12 months', () => {
    expect(derbyPreset.timescales.caseLengthMaximum).toMatchObject({ value: 12, unit: 'months' })
    expect(derbyPreset.timescales.caseLengthAim).toMatchObject({ value: 9, unit: 'months' })
  })

  // 000_d6fbec82994b68a9.txt: "During an initial 6-week period, all cases referred for children over the age of 10 are
  // screened for any Child Sexual Exploitation (CSE) risks using the CSE Risk Assessment Toolkit…"
  it('screens children aged 10 and over for CSE within the first 6 weeks', () => {
    expect(derbyPreset.timescales.cseScreening).toMatchObject({ value: 6, unit: 'weeks' })
    expect(derbyPreset.timescales.cseScreeningFromAge).toMatchObject({ value: 10, unit: 'years' })
  })

  // 000_d6fbec82994b68a9.txt: "…including an opportunity to have a return interview within 72hrs of being found…"
  it('offers a return interview within 72 hours of a missing child being found', () => {
    expect(derbyPreset.timescales.returnInterview).toMatchObject({ value: 72, unit: 'hours' })
  })

  // 003_e9f5ab6753ae1fa9.txt §2: "Number of cases re-opened within 3 months 66, which is 4.9% of total cases worked with
  // over the year…"
  it('counts a case re-opened within 3 months of closure', () => {
    expect(derbyPreset.timescales.reopeningWindow).toMatchObject({ value: 3, unit: 'months' })
  })

  // 001_cfe3ebe7e928b659.txt §4: "…the 'How Was It for You?' form must be completed with the family at the end of
  // intervention."
  it("uses Derby's words", () => {
    expect(derbyPreset.vocabulary).toMatchObject({
      leadProfessional: 'lead professional',
      teamAroundTheFamily: 'Team Around the Family',
      tafAbbreviation: 'TAF',
      requestForSupport: 'request for support',
      earlyHelpAssessment: 'Early Help Assessment',
      howWasItForYou: 'How Was It for You?',
      stepUp: 'step up',
      stepDown: 'step down',
    })
  })

  // 001_cfe3ebe7e928b659.txt §4: "All cases MUST have an initial progression of change tool … completed by the allocated
  // worker in partnership with the family before the first TAF meeting …"; "The progression of change tool must be
  // reviewed before each TAF review meeting …"; "The progression of change tool must also be reviewed at the
  // termination of an intervention …"
  it('completes the spider graph at baseline, before each TAF review and at closure', () => {
    expect(tool('spider-graph')).toMatchObject({ label: 'Spider graph', when: 'baseline_and_reviews' })
    expect(tool('spider-graph').source).toMatch(/^001 §4/)
  })

  // 000_d6fbec82994b68a9.txt: "We use progression of change tools (these include spider-graphs, change balloon and
  // Graded-Care Profile (where neglect/poor care is a case feature), in all cases."
  // 003_e9f5ab6753ae1fa9.txt appendix 1, action 3.3: "GCP to be used in all cases where neglect is a key feature in the
  // case to assess initial level of concern, measure progress/inform the need to escalate case."
  it('requires the Graded Care Profile where neglect is a feature', () => {
    const gcp = tool('graded-care-profile')
    expect(gcp).toMatchObject({ when: 'where_concern', concerns: ['neglect'] })
    expect(gcp.label).toMatch(/^Graded Care Profile/)
    expect(gcp.source).toMatch(/^000 .*003 appendix 1 action 3\.3/)
    expect(derbyPreset.concernCategories.map(concern => concern.code)).toContain('neglect')
  })

  // 003_e9f5ab6753ae1fa9.txt appendix 1, action 3.11: "Ensure risk associated with domestic violence is systematically
  // and accurately assessed. Ensure use of Domestic Violence Risk Identification Matrix (DVRIM) to inform assessments of
  // impact and level of risk within the family."
  it('requires the domestic abuse risk tool (DVRIM) where domestic abuse is a feature', () => {
    const dvrim = tool('dvrim')
    expect(dvrim).toMatchObject({ when: 'where_concern', concerns: ['domestic-abuse'] })
    expect(dvrim.label).toContain('Domestic Violence Risk Identification Matrix')
    expect(dvrim.source).toMatch(/^003 appendix 1 action 3\.11/)
  })

  // 000_d6fbec82994b68a9.txt: "Allocation for either IAPT(CBT) or systemic work requires ARCADS or Score 15 assessment
  // prior to a case being worked …"
  it('requires RCADS or SCORE-15 before IAPT CBT or systemic work, either one sufficing', () => {
    for (const [code, other] of [
      ['rcads', 'score-15'],
      ['score-15', 'rcads'],
    ] as const)
      expect(tool(code)).toMatchObject({
        when: 'before_service',
        programmes: ['iapt-cbt', 'family-systemic-interventions'],
        beforeWork: 'IAPT CBT or systemic work',
        alternatives: [other],
      })
    expect(tool('rcads').source).toMatch(/^000 RCADS or SCORE-15/)
  })

  // 000_d6fbec82994b68a9.txt: "During an initial 6-week period, all cases referred for children over the age of 10 are
  // screened for any Child Sexual Exploitation (CSE) risks using the CSE Risk Assessment Toolkit …"
  it('screens for CSE with the CSE Risk Assessment Toolkit from age 10, as the timescale says', () => {
    expect(tool('cse-screening')).toMatchObject({ when: 'age_from', age: 10 })
    expect(tool('cse-screening').label).toContain('CSE Risk Assessment Toolkit')
    expect(derbyPreset.timescales.cseScreeningFromAge.value).toBe(10)
  })

  // 000_d6fbec82994b68a9.txt: "…these include spider-graphs, change balloon and Graded-Care Profile…"
  it('offers the change balloon as an optional tool', () => {
    expect(tool('change-balloon').when).toBe('optional')
  })

  // 000_d6fbec82994b68a9.txt: "Our Evidenced based programmes include: Family Systemic Interventions. Non-Violent
  // Resistance. IAPT CBT. Incredible Years. Reducing Parental Conflict. Elklan Language Training. Freedom. Additional
  // programmes offered include: Escape the Trap. Freedom for children. PEEP."
  it('lists the evidence-based programmes of the strategy, in its order', () => {
    expect(derbyPreset.evidenceBasedProgrammes.map(programme => programme.label)).toEqual([
      'Family Systemic Interventions',
      'Non-Violent Resistance (NVR)',
      'IAPT CBT',
      'Incredible Years',
      'Reducing Parental Conflict',
      'Elklan Language Training',
      'Freedom',
      'Escape the Trap',
      'Freedom for children',
      'PEEP',
    ])
    for (const programme of derbyPreset.evidenceBasedProgrammes) expect(programme.source).toMatch(/^000 /)
  })

  // 001_cfe3ebe7e928b659.txt §4: "…the practitioner must raise these cases with their line manager in supervision in
  // order to get management sign off to keep the case open for longer for 12 months." and "Team Managers must discuss
  // all such cases with their Head of Service / Deputy Head of Service in their regular supervision sessions…"
  // 000_d6fbec82994b68a9.txt: "Any cases remaining open for more than 12 months require sign off from a Senior Manager."
  it('has the line manager sign off a case open over 12 months, keeping the Head of Service informed', () => {
    const signOff = derbyPreset.overTwelveMonthsSignOff
    expect(signOff.by).toBe('Line manager')
    expect(signOff.informed).toBe('Head of Service / Deputy Head of Service')
    expect(signOff.description).toContain('Senior Manager')
    expect(signOff.source).toMatch(/^001 §4 .*000 case length/)
  })

  // 003_e9f5ab6753ae1fa9.txt §4 Theme 2: "…stepping back down to Early Help services once concerns had been
  // investigated and it was assessed as safe to de-escalate." 003 §3: "Early Help services work with some cases at a
  // Child in Need (CIN) level … either as a Lead Professional or completing a joint piece of work with Social Care".
  it('steps up and down, and a level may change while early help stays involved', () => {
    expect(derbyPreset.stepUpStepDown).toMatchObject({
      model: 'step up / step down',
      levelsMayChangeWithinEpisode: true,
    })
    expect(derbyPreset.stepUpStepDown.source).toContain('003 §4 Theme 2')
  })

  // 003_e9f5ab6753ae1fa9.txt §4 Theme 5: "…assessments being descriptive, lacking analysis, no father's views in
  // assessments…"
  it("asks for each parent's view, fathers included, and an analysis in every assessment", () => {
    const sections = derbyPreset.assessment.sections.map(section => section.code)
    expect(sections).toEqual(
      expect.arrayContaining([
        'child-developmental-needs',
        'parenting-capacity',
        'family-environment',
        'voice-of-the-child',
        'parents-views',
        'strengths',
        'analysis',
      ]),
    )
    expect(derbyPreset.assessment.sections.find(section => section.code === 'parents-views')?.label).toMatch(/fathers/)
  })

  // 001_cfe3ebe7e928b659.txt §2: the thresholds document's examples of early help and level 3 needs.
  it('has the concern categories of the thresholds document', () => {
    const codes = derbyPreset.concernCategories.map(category => category.code)
    for (const code of [
      'domestic-abuse',
      'neglect',
      'cse',
      'missing',
      'child-mental-health',
      'parental-mental-health',
      'child-substance-misuse',
      'parental-substance-misuse',
      'school-attendance',
      'young-carer',
      'teenage-pregnancy',
      'private-fostering',
      'parental-conflict',
    ])
      expect(codes).toContain(code)
  })
})
