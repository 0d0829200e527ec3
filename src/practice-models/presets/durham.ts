import type { PracticeModel } from '../schema.js'
import { designSpiderGraphDomains, designTimescales } from './defaults.js'

/**
 * County Durham's practice model, from its seed: the Cabinet report "Early Help Strategy" of 15 July 2015
 * (`002_dd5017b3f4e336aa.txt`), cited as "002 para N" (the report's numbered paragraphs) or "002 fig N".
 *
 * Every value taken from the report carries a `source`. Values the report does not define carry none:
 * they are what a Durham practitioner, team manager and performance officer would expect, or the
 * national early help defaults of DESIGN §4. The report has no allocation panel, no timescales, no
 * closure grounds and no spider graph domains of its own.
 */
export const durhamPreset = {
  schemaVersion: 2,
  preset: 'durham',
  name: 'Durham County Council',

  // Para 13: three locality Early Help Forums "align with Durham Constabulary Boundaries of North South
  // and East". The report calls the forums "locality based" but never names a locality; "area" keeps
  // the word free of Derby's meaning.
  areas: {
    kind: 'area',
    singular: 'area',
    plural: 'areas',
    names: ['North', 'South', 'East'],
    source: '002 para 13',
  },

  // Durham's continuum of need, levels 1 to 5 (para 46(3), 51, 55, 56; figs 2 and 3). The report numbers
  // the levels and says: level 2 is the largest cohort and level 5 the smallest, numbers falling as need
  // rises (para 55); levels 4 and 5 sit with statutory services (para 46(3), measured by the children in
  // need re-referral rate in para 52). It gives no names for the levels: the short names after the
  // numbers (universal, single-agency and multi-agency early help, child in need, child protection or
  // looked after) are the usual ones on a five-level staircase and carry no source of their own.
  levelsOfNeed: [
    {
      code: 'level-1',
      label: 'Level 1: universal',
      description: 'Needs are met by the family and by the universal services open to every family.',
      statutory: false,
      source: '002 para 55, fig 2',
    },
    {
      code: 'level-2',
      label: 'Level 2: early help from one service',
      description:
        'Emerging needs met by one service alongside universal services, after a single assessment proportionate to the need. Expected to be the largest group of families supported.',
      statutory: false,
      source: '002 para 55, fig 2',
    },
    {
      code: 'level-3',
      label: 'Level 3: early help from several services (Team Around the Family)',
      description:
        'Several or more complex needs, met by services working together around the whole family with a lead professional.',
      statutory: false,
      source: '002 para 55, fig 2',
    },
    {
      code: 'level-4',
      label: 'Level 4: child in need (statutory)',
      description: "Statutory services: children's social care assessment and support for a child in need.",
      statutory: true,
      source: '002 para 46(3), para 52, para 55',
    },
    {
      code: 'level-5',
      label: 'Level 5: child protection or looked after (statutory)',
      description:
        'Statutory services: a child protection plan, or the child is looked after. The highest level of need, expected to be the smallest group.',
      statutory: true,
      source: '002 para 46(1)-(3), para 55',
    },
  ],

  // Para 27: "a single but proportionate assessment model across all levels of need and assessment.
  // Help and assessment will be offered in tandem so that families are not waiting". Para 29: it
  // replaced the Pre CAF, CAF, Initial and Core Assessments in April 2014.
  wayIn: {
    kind: 'single_assessment',
    label: 'Single Assessment',
    description:
      'One single, proportionate assessment of the whole family at every level of need, which replaced the Pre CAF, CAF, Initial and Core Assessments in April 2014. Help is offered alongside the assessment, so families do not wait for support.',
    tools: [
      {
        code: 'single-assessment',
        label: 'Single Assessment',
        description: 'Completed under the single assessment practice guidance (the 0-19 pathway).',
        source: '002 para 17, para 29',
      },
      {
        code: 'engagement-toolkit',
        label: 'Engagement toolkit and risk assessment',
        description:
          'For families who are refusing help and support: highlights risk and encourages information sharing between agencies.',
        source: '002 para 17',
      },
    ],
    source: '002 para 27, para 29',
  },

  // Para 31: "Durham's MASH launched in March 2015 … effective information sharing and communication is
  // achieved at the point of referral … what service is best suited to offer a child, young person or
  // family based on their need". The report lists no decisions; the outcomes below are the usual ones.
  // Early help goes straight to allocation because para 27 offers help and assessment "in tandem so that
  // families are not waiting"; the allocation meeting is kept for families whose service is unclear.
  frontDoor: {
    name: 'MASH',
    description:
      "Durham's multi-agency safeguarding hub, launched in March 2015: effective information sharing and " +
      'communication at the point of referral, so that practitioners have a fuller picture of which service is best ' +
      'suited to offer a child, young person or family based on their need.',
    outcomes: [
      {
        code: 'information-advice',
        label: 'Information and advice given',
        description: 'The person who made the referral, or the family, has the advice they need. Nothing more to do.',
        route: 'closed',
      },
      {
        code: 'signpost',
        label: 'Signpost to universal or preventative services',
        route: 'signpost',
      },
      {
        code: 'early-help',
        label: 'Early help: allocate a lead professional and Team Around the Family',
        description: 'Help starts alongside the single assessment, so the family does not wait.',
        route: 'allocate',
        service: 'one-point',
        source: '002 para 27',
      },
      {
        code: 'allocation-meeting',
        label: 'Discuss at the early help allocation meeting',
        description: 'Early help is needed but the right service or lead professional is not yet clear.',
        route: 'panel',
      },
      {
        code: 'social-care',
        label: "Step up to children's social care",
        description: 'Needs at level 4 or 5 of the continuum: statutory services.',
        route: 'social_care',
        source: '002 para 28, para 46(3)',
      },
      {
        code: 'more-information',
        label: 'More information needed',
        route: 'more_information',
      },
    ],
    // Para 28: "We will, never do nothing". The report sets no time, so this is a chosen default: one
    // working day, as national guidance (Working Together) expects a decision on a referral to children's
    // social care within one working day. A referral still undecided then is flagged to the MASH manager.
    undecidedAfter: { value: 1, unit: 'working_days' },
    source: '002 para 31',
  },

  // The report describes no panel for allocation (its Early Help Forums of para 12-13 share practice and
  // escalate to the LSCB; they do not allocate families). A plainly named weekly meeting in each area.
  panel: {
    name: 'Early help allocation meeting',
    cadence: 'weekly',
    perArea: true,
    decisions: [
      {
        code: 'allocate-one-point',
        label: 'Allocate to the One Point Service',
        action: 'allocate',
        service: 'one-point',
        source: '002 para 37, para 43',
      },
      {
        code: 'allocate-stronger-families',
        label: 'Allocate to Stronger Families',
        action: 'allocate',
        service: 'stronger-families',
        source: '002 para 20, para 21',
      },
      {
        // No service: the lead professional may come from any partner agency. Health Visiting and School
        // Nursing (para 37) is one such partner, not the only one.
        code: 'partner-led',
        label: 'Partner-led Team Around the Family (lead professional from a partner agency)',
        action: 'lead_professional',
      },
      {
        code: 'social-care',
        label: "Step up to children's social care",
        action: 'social_care',
        source: '002 para 28',
      },
      { code: 'signpost', label: 'Signpost to universal or preventative services', action: 'signpost' },
      { code: 'no-further-action', label: 'No further action', action: 'no_further_action' },
      { code: 'more-information', label: 'More information needed', action: 'more_information' },
    ],
  },

  // Services the report names. "FIP" is spelt out as the Family Intervention Project, the national
  // programme of that name. The report does not name children's centres or Families First; children's
  // centres are added without a source because early help episodes are run from them (DESIGN §3), and
  // Families First (social care) is left out: stepping up goes to social care, not to an early help service.
  services: [
    {
      code: 'one-point',
      label: 'One Point Service',
      description: 'Tracks family outcomes through its own formal system (para 43).',
      source: '002 para 37, para 39, para 43',
    },
    {
      code: 'stronger-families',
      label: 'Stronger Families',
      description: "Durham's response to the national Troubled Families Programme.",
      source: '002 para 20',
    },
    {
      code: 'early-help-resilience-workers',
      label: 'Early help resilience workers (Strengthening Families Programme)',
      description: 'Commissioned by Public Health in the One Point Service under the Well Being Model.',
      source: '002 para 37',
    },
    {
      code: 'fip',
      label: 'FIP (Family Intervention Project)',
      source: '002 para 39',
    },
    { code: 'pathfinder', label: 'Pathfinder', source: '002 para 39' },
    { code: 'pre-birth', label: 'Pre-birth', source: '002 para 39' },
    { code: 'assessment-and-intervention', label: 'Assessment and Intervention', source: '002 para 39' },
    {
      code: 'health-visiting-school-nursing',
      label: 'Health Visiting and School Nursing',
      description: 'Partner-led early help, supported by the joint Early Help and Think Family mentor.',
      source: '002 para 37',
    },
    { code: 'childrens-centre', label: "Children's centre" },
  ],

  // Concerns the report names. "After para 52" is the unnumbered list under "More children young people
  // and their families achieving positive outcomes": Stronger Families' national measure (poor school
  // attendance, unemployment, youth crime, adult ASB) and local criteria (health, housing, domestic abuse).
  concernCategories: [
    { code: 'neglect', label: 'Neglect', source: '002 para 38, para 78' },
    { code: 'domestic-abuse', label: 'Domestic abuse', source: '002 list after para 52' },
    { code: 'child-sexual-exploitation', label: 'Child sexual exploitation (CSE)', source: '002 para 37' },
    { code: 'school-attendance', label: 'Poor school attendance', source: '002 list after para 52' },
    {
      code: 'neet',
      label: 'Young person not in education, employment or training (NEET)',
      source: '002 list after para 52',
    },
    { code: 'unemployment', label: 'Unemployment', source: '002 list after para 52' },
    {
      code: 'youth-crime',
      label: 'Youth crime',
      source: '002 list after para 52; Crime and Disorder implications',
    },
    {
      code: 'anti-social-behaviour',
      label: 'Anti-social behaviour',
      source: '002 list after para 52; Crime and Disorder implications',
    },
    { code: 'physical-health', label: 'Physical health', source: '002 para 5; list after para 52' },
    { code: 'mental-health', label: 'Mental health (child or parent)', source: '002 para 5' },
    { code: 'housing', label: 'Housing', source: '002 list after para 52' },
    { code: 'material-disadvantage', label: 'Material disadvantage', source: '002 para 5' },
    {
      code: 'early-development',
      label: "Early development and being 'ready for school'",
      source: '002 para 46(6), para 59',
    },
    { code: 'substance-misuse', label: 'Alcohol or substance misuse' },
    { code: 'other', label: 'Other' },
  ],

  // The single assessment is the only type: para 29 says it replaced the Pre CAF, CAF, Initial and Core
  // Assessments. Its sections are DESIGN §3's whole-family sections; the report asks for the whole family
  // (para 5, 29), the child's voice (para 19) and the family's views (para 44).
  assessment: {
    types: [
      {
        code: 'single-assessment',
        label: 'Single Assessment',
        description: 'One proportionate assessment and care plan for the whole family, at every level of need.',
        source: '002 para 27, para 29',
      },
    ],
    sections: [
      { code: 'child-development', about: 'each_child', label: "Child's developmental needs" },
      { code: 'parenting-capacity', label: 'Parenting capacity' },
      {
        code: 'family-environment',
        label: 'Family and environment',
        description: 'Including health and social inequalities and material disadvantage.',
        source: '002 para 5',
      },
      { code: 'voice-of-the-child', about: 'each_child', label: 'Voice of the child', source: '002 para 19' },
      {
        code: 'parents-views',
        about: 'each_parent',
        label: "Each parent's or carer's view (fathers included)",
        source: '002 para 44',
      },
      { code: 'strengths', label: 'Strengths' },
      { code: 'analysis', label: 'Analysis' },
    ],
    source: '002 para 27, para 29',
  },

  // The report names no closure grounds: these are the general four of DESIGN §2, not Durham's own.
  // Escalation is the step up.
  closureGrounds: [
    {
      code: 'goals-achieved',
      label: 'The goals in the plan have been achieved',
      stepUp: false,
    },
    {
      code: 'no-progress',
      label: 'No progress against the plan and no risk of significant harm',
      stepUp: false,
    },
    {
      code: 'family-withdrew',
      label: 'The family no longer wants the voluntary service and there is no risk of significant harm',
      stepUp: false,
    },
    {
      code: 'risk-escalated',
      label: 'Risk has escalated beyond early help: step up to social care',
      stepUp: true,
    },
  ],

  // The report sets no timescales: these are the national early help defaults of DESIGN §4, not
  // Durham's own, so none carries a source. Case length aim 6 to 9 months is held as 9.
  timescales: designTimescales,

  // The report names no spider graph domains of its own: DESIGN §5's.
  spiderGraphDomains: designSpiderGraphDomains,

  // The report names no progression of change tools or screenings of its own. These are DESIGN §4 and §5's, without
  // a source: the spider graph on every case; the Graded Care Profile where neglect is a feature, which answers the
  // report's "emphasis on neglect and its early identification at all levels of need" (para 78) without the report
  // naming the tool; a domestic abuse risk checklist where domestic abuse is a feature; CSE screening from age 10,
  // as timescales.cseScreeningFromAge.
  progressionTools: [
    {
      code: 'spider-graph',
      label: 'Spider graph',
      instrument: 'spider-graph',
      description: 'Completed with the family at the start, reviewed before each TAF review and at closure.',
      when: 'baseline_and_reviews',
    },
    {
      code: 'graded-care-profile',
      label: 'Graded Care Profile 2 (GCP2)',
      instrument: 'graded-care-profile-2',
      description: 'Where neglect is a feature: the initial level of care, progress and the need to step up.',
      when: 'where_concern',
      concerns: ['neglect'],
    },
    {
      code: 'dash',
      label: 'Domestic abuse risk checklist (DASH)',
      description: 'Where domestic abuse is a feature: identifies the level of risk to the victim and the children.',
      when: 'where_concern',
      concerns: ['domestic-abuse'],
    },
    {
      code: 'cse-screening',
      instrument: 'cse-screening',
      label: 'CSE screening',
      description: 'Every child aged 10 or over is screened for risk of child sexual exploitation.',
      when: 'age_from',
      age: 10,
    },
  ],

  // Para 37 names the one programme; an administrator adds the others Durham delivers.
  evidenceBasedProgrammes: [
    {
      code: 'strengthening-families',
      label: 'Strengthening Families Programme',
      description:
        'Delivered at an early and preventative stage by the early help resilience workers of the One Point Service, ' +
        'commissioned by Public Health under the Well Being Model.',
      source: '002 para 37',
    },
  ],

  // Para 28: "We will use our staircase model to adopt a 'step up- step down', 'Think Family' approach so that
  // families move smoothly between services". Para 29: the single assessment gives "a smoother seamless route for
  // families through services as need escalates or reduces", so a family's level moves up and down the staircase
  // within one episode of help.
  stepUpStepDown: {
    model: 'staircase',
    description:
      "The staircase model: a 'step up - step down', 'Think Family' approach so that families move smoothly between " +
      'services and receive a seamless offer of support at the right level at the right time. One single assessment ' +
      'follows the family up and down the five levels of the continuum of need as need escalates or reduces, without ' +
      'starting again.',
    levelsMayChangeWithinEpisode: true,
    source: '002 para 28, para 29',
  },

  // The report sets no case length or sign-off: DESIGN §1's head of service or deputy, without a source.
  overTwelveMonthsSignOff: {
    by: 'Head of service or deputy head of service',
    description:
      'A case open longer than the case length without sign-off needs the agreement of the head of service or ' +
      'deputy, with the reason and the date by which it will close.',
  },

  // Para 46: the strategy's "six overarching outcomes", in the report's order and words, each with the
  // measure the report gives as its evidence. (The family outcomes framework of para 44-45, first made
  // for Stronger Families, is being developed and the report does not list its contents.)
  outcomeAreas: {
    framework: 'Early Help Strategy: six overarching outcomes',
    areas: [
      {
        code: 'fewer-looked-after-children',
        label: 'Fewer Looked After Children',
        description: 'Evidence: the looked after children rate and adoptions (para 48, fig 1).',
        source: '002 para 46(1), para 48, fig 1',
      },
      {
        code: 'fewer-child-protection-plans',
        label: 'Fewer children subject to a Child Protection Plan',
        description: 'Evidence: children subject to a child protection plan, rate per 10,000 (para 50).',
        source: '002 para 46(2), para 50',
      },
      {
        code: 'fewer-re-referrals',
        label: 'Fewer re-referrals in to statutory services and services at level 4 and 5 of our continuum of need',
        description: 'Evidence: the children in need re-referral rate (para 52).',
        source: '002 para 46(3), para 52',
      },
      {
        code: 'positive-outcomes',
        label: 'More children young people and their families achieving positive outcomes',
        description:
          'Evidence: young people NEET, and families turned around by Stronger Families (list after para 52).',
        source: '002 para 46(4), list after para 52',
      },
      {
        code: 'identified-early',
        label: 'More families identified early and helped through universal, preventative and early help services',
        description:
          'In full: A greater number of families identified early and receiving help through our universal, preventative and early help services. Evidence: families at each level of need against the proportionate model (para 53-57, figs 2 and 3).',
        source: '002 para 46(5), para 53-57, figs 2-3',
      },
      {
        code: 'ready-for-school',
        label: "A greater number of children being 'ready for school'",
        description:
          'Evidence: Early Years Foundation Stage pupils achieving a Good Level of Development (para 59-60).',
        source: '002 para 46(6), para 59-60',
      },
    ],
    source: '002 para 46',
  },

  // The report's own words: "referral" (para 31, 46(3)), "single assessment" (para 27, 29), "MASH"
  // (para 31), "step up" and "step down" of the staircase model (para 28). It does not use "lead
  // professional", "Team Around the Family" or "How Was It for You?": those are the usual terms.
  vocabulary: {
    leadProfessional: 'lead professional',
    teamAroundTheFamily: 'Team Around the Family',
    tafAbbreviation: 'TAF',
    requestForSupport: 'referral',
    earlyHelpAssessment: 'single assessment',
    panel: 'early help allocation meeting',
    frontDoor: 'MASH',
    howWasItForYou: 'How Was It for You?',
    stepUp: 'step up',
    stepDown: 'step down',
  },
} satisfies PracticeModel
