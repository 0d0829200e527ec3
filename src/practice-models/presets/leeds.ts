import type { PracticeModel } from '../schema.js'
import { designSpiderGraphDomains, designTimescales } from './defaults.js'

/**
 * Leeds City Council's practice model, from Leeds Safeguarding Children Board's "Right conversations, right
 * people, right time" (2014-15), seed 004. Every value taken from it cites the seed's section heading; values
 * with no `source` are not in the seed and are chosen for it (say why beside each).
 */

/** The seed's section headings, as it writes them. */
const seed = {
  introduction: '004 Introduction',
  localContext: '004 Challenges in Leeds: The Local Context',
  foundation: '004 Early Help - the foundation of our approach',
  principles: '004 The principles of Early Help',
  conversations: '004 Conversations',
  howWeRespond: '004 How we respond to the needs of Children and Families',
  earlyHelpAssessments: '004 Early Help Assessments',
  servicesInLeeds: '004 Services in Leeds',
  universalServices: '004 Universal services',
  bestStart: '004 Best Start',
  targetedServices: '004 Cluster Based Targeted Services',
  familiesFirst: '004 Families First',
  specialistServices: '004 Specialist Services',
  dutyAndAdvice: '004 Front Door – Duty and Advice',
  specialistNotNeeded: '004 When specialist services are not needed',
  concernsResolution: '004 Concerns Resolution Process',
  /** An entry in the seed's glossary. */
  glossary: (term: string) => `004 Glossary: ${term}`,
  /** A row of the services table that sits under "Early Help Assessments". */
  servicesTable: (row: 'Universal Services' | 'Cluster Based Targeted Services' | 'Specialist Services') =>
    `004 Early Help Assessments (services table: ${row})`,
}
const cite = (...parts: string[]) => parts.join('; ')

export const leedsPreset = {
  schemaVersion: 2,
  preset: 'leeds',
  name: 'Leeds City Council',

  // The seed gives the number of clusters but not their names: an authority renames these placeholders.
  areas: {
    kind: 'cluster',
    singular: 'cluster',
    plural: 'clusters',
    names: Array.from({ length: 25 }, (_, index) => `Cluster ${String(index + 1).padStart(2, '0')}`),
    source: cite(seed.servicesInLeeds, seed.glossary('Clusters')),
  },

  levelsOfNeed: [
    {
      code: 'universal',
      label: 'Universal',
      description:
        "Most children's needs are met by their family or by universal services: those available to everyone, " +
        'provided as of right to all children, including those whose needs are also met by targeted or specialist ' +
        'services. Leeds does not use predetermined thresholds to decide service responses: when a need is ' +
        'identified, practitioners hold conversations within and between universal, targeted and specialist ' +
        "services to decide together how the child's needs are met.",
      statutory: false,
      source: cite(seed.universalServices, seed.glossary('Universal'), seed.conversations, seed.howWeRespond),
    },
    {
      code: 'targeted',
      label: 'Targeted',
      description:
        'For children and families who face more challenges and may have multiple needs. Cluster based targeted ' +
        'services add capacity and expertise, working alongside universal services, usually based on an Early Help ' +
        'Assessment with someone acting as lead practitioner for the child. Targeted and specialist services are ' +
        'prioritised to the families in greatest need, at the earliest possible stage, with consent from family ' +
        'members.',
      statutory: false,
      source: cite(seed.targetedServices, seed.glossary('Targeted'), seed.introduction),
    },
    {
      code: 'specialist',
      label: 'Specialist',
      description:
        "When a child's needs cannot be met in universal or cluster based targeted services: a child in need of " +
        'help, a child believed to be suffering or likely to suffer significant harm, or a child who needs a ' +
        'specialist health service, where statutory intervention may be required. Practitioners can request a ' +
        'specialist service directly; where a child may be at risk of significant harm they must contact Duty and ' +
        'Advice.',
      statutory: true,
      source: cite(seed.specialistServices, seed.glossary('Specialist'), seed.introduction, seed.howWeRespond),
    },
  ],

  wayIn: {
    kind: 'conversation',
    label: 'Conversation',
    description:
      'Anybody working with children, young people and families is responsible for starting conversations. ' +
      'Conversation opportunities are the phone calls and meetings between those working across universal, ' +
      "targeted and specialist services when a child's needs are not being met and something else is needed. " +
      'Conversations go beyond concerns to an assessment and, where appropriate, a plan, and continue through ' +
      'planning and review. Every conversation, whatever the outcome, is recorded: that it took place, what was ' +
      'agreed, and how well it enabled needs to be met.',
    // No pre-assessment checklist: 004 Conversations calls a check list approach mechanistic.
    tools: [
      {
        code: 'conversation_record',
        label: 'Conversation record',
        description:
          'Records that the conversation took place, who took part, what was agreed and who does what next, ' +
          'confirmed and shared with the practitioners involved so that no one works in isolation.',
        source: cite(seed.conversations, seed.principles),
      },
      {
        code: 'early_help_assessment',
        label: 'Early Help Assessment',
        description:
          'A tool in its own right, not simply a referral mechanism; it can be an assessment a single agency ' +
          'already uses. It replaces the Common Assessment Framework (CAF). The same information can support a ' +
          'contact to social work services about a child in need or in need of protection.',
        source: cite(seed.earlyHelpAssessments, seed.glossary('Early Help Assessment')),
      },
    ],
    source: cite(seed.conversations, seed.foundation, seed.glossary('Conversation opportunities')),
  },

  frontDoor: {
    name: 'Duty and Advice',
    description:
      'A multi-agency team of qualified professionals (including social workers, police officers and health ' +
      'professionals) with the training and experience to discuss with other practitioners their concerns about a ' +
      "child and identify the best way to meet the child's needs, through quality conversations. The first point of " +
      "contact for practitioners concerned about a child or who feel the child's needs are not being met; any " +
      'practitioner concerned that a child is at risk of significant harm must contact Duty and Advice, who decide ' +
      'whether a child protection referral should be taken.',
    outcomes: [
      {
        code: 'information_given',
        label: 'Information given to the practitioner',
        description: 'Duty and Advice provide information to support the practitioner to manage the issue.',
        route: 'closed',
        source: seed.dutyAndAdvice,
      },
      {
        code: 'signpost',
        label: 'Signposted to a service',
        description: 'Signposted to a particular service, including a specialist service.',
        route: 'signpost',
        source: cite(seed.dutyAndAdvice, seed.servicesTable('Specialist Services')),
      },
      {
        code: 'integrated_processes',
        label: 'Integrated Processes Team to provide access to support',
        description:
          'The Integrated Processes Team respond to provide access to support from targeted or universal services, ' +
          "through the cluster's guidance and support meeting.",
        route: 'panel',
        source: seed.dutyAndAdvice,
      },
      {
        code: 'early_help_in_cluster',
        label: 'Early Help Assessment and support in the cluster',
        description:
          'No social work intervention is needed but there are additional needs: an Early Help Assessment is ' +
          'recommended and the Targeted Services Leader identifies a potential lead practitioner to coordinate a ' +
          'cluster based response.',
        route: 'allocate',
        service: 'family_intervention_support',
        source: cite(seed.specialistNotNeeded, seed.servicesTable('Specialist Services')),
      },
      {
        code: 'social_work_referral',
        label: 'Referral for social work assessment',
        description: 'Duty and Advice accept a referral and create it for a social work assessment.',
        route: 'social_care',
        source: cite(seed.dutyAndAdvice, seed.servicesTable('Specialist Services')),
      },
      {
        code: 'child_protection_referral',
        label: 'Child protection referral',
        description:
          'The child is at risk of significant harm and Duty and Advice decide that a child protection referral ' +
          'should be taken.',
        route: 'social_care',
        source: cite(seed.dutyAndAdvice, seed.glossary('Duty and Advice Team')),
      },
      // Not in the seed: a conversation that cannot yet be decided needs somewhere to wait.
      {
        code: 'more_information',
        label: 'More information needed',
        description: 'Duty and Advice need more information before they can decide.',
        route: 'more_information',
      },
    ],
    // Not in the seed. One working day, as Working Together expects of a referral decision; the seed's
    // "never do nothing" (004 The principles of Early Help) is what the flag enforces.
    undecidedAfter: { value: 1, unit: 'working_days' },
    source: cite(seed.dutyAndAdvice, seed.glossary('Duty and Advice Team'), seed.glossary('Front Door')),
  },

  // The seed names guidance and support meetings (with the Top 100 methodology) as the way each cluster's
  // Targeted Services Leader prioritises families, but gives no cadence: weekly, as DESIGN §1 has it.
  panel: {
    name: 'Guidance and support meeting',
    description:
      "Each cluster's Targeted Services Leader promotes and monitors integrated working. The Top 100 methodology and " +
      'guidance and support meetings are the mechanisms used to make sure families receive the right service at the ' +
      'right time: targeted and specialist services are prioritised to the families in greatest need, at the ' +
      'earliest possible stage of intervention, with consent from family members. Where a child needs no social work ' +
      'intervention but has additional needs, the Targeted Services Leader identifies a potential lead practitioner ' +
      'to coordinate a cluster based response.',
    cadence: 'weekly',
    perArea: true,
    decisions: [
      {
        code: 'lead_practitioner',
        label: 'Lead practitioner identified',
        description:
          'The Targeted Services Leader identifies a lead practitioner to coordinate a cluster based response: ' +
          'they make sure the plan works and invite others back to review it.',
        action: 'lead_professional',
        source: cite(seed.specialistNotNeeded, seed.targetedServices, seed.principles),
      },
      {
        code: 'cluster_targeted_service',
        label: 'Cluster based targeted service',
        description:
          'A cluster based targeted service works with the family, prioritised to families in greatest need at the ' +
          'earliest possible stage, with consent from family members.',
        action: 'allocate',
        service: 'family_intervention_support',
        source: seed.targetedServices,
      },
      {
        code: 'universal_support',
        label: 'More support from universal services',
        description:
          'Early help through an increase in universal services, including family support provided by schools and ' +
          'third sector services.',
        action: 'signpost',
        source: seed.foundation,
      },
      {
        code: 'specialist_service',
        label: 'Request to a specialist service',
        description:
          "The child's needs cannot be met in universal or cluster based targeted services: a request is made " +
          'directly to a specialist service, or to Duty and Advice where the child may be at risk of significant ' +
          'harm.',
        action: 'social_care',
        source: cite(seed.specialistServices, seed.howWeRespond),
      },
      // The three below are not in the seed: the outcomes any panel needs.
      {
        code: 'signpost',
        label: 'Signpost',
        description: 'Signposted to a universal or partner service.',
        action: 'signpost',
      },
      {
        code: 'no_further_action',
        label: 'No further action',
        description: 'The reason is recorded.',
        action: 'no_further_action',
      },
      { code: 'more_information', label: 'More information needed', action: 'more_information' },
    ],
    source: cite(seed.targetedServices, seed.specialistNotNeeded),
  },

  services: [
    // Universal
    ...(
      [
        ['midwifery', 'Midwifery'],
        ['gp', 'GP'],
        ['health_visiting', 'Health Visiting'],
        ['school_nursing', 'School Nursing'],
        ['schools', 'Schools', 'Primary, secondary and higher education.'],
        ['early_years', 'Early Years provision'],
        ['youth_services', 'Youth Services'],
        ['childrens_centres', "Children's Centres"],
        ['careers_advice', 'Careers Advice'],
      ] as const
    ).map(([code, label, detail]) => ({
      code,
      label,
      description: detail ? `Universal service. ${detail}` : 'Universal service.',
      source: seed.servicesTable('Universal Services'),
    })),
    {
      code: 'family_information_service',
      label: 'Family Information Service',
      description:
        'Universal. Information for parents and carers of children and young people aged 0-19 (up to 25 for ' +
        'families with disabled children) on childcare, family support and activities.',
      source: cite(seed.servicesTable('Universal Services'), seed.glossary('Family Information Service')),
    },
    {
      code: 'early_start',
      label: 'Early Start',
      description:
        "An integrated family based offer for children aged 0-5: children's centres and health visiting staff " +
        'working together in fully integrated teams based in each cluster.',
      source: cite(seed.bestStart, seed.glossary('Early Start')),
    },
    {
      code: 'best_start',
      label: 'Best Start',
      description: 'The best start for every child from conception to age 2: the best health and ready to learn.',
      source: cite(seed.bestStart, seed.glossary('Best Start')),
    },
    {
      code: 'third_sector',
      label: 'Third sector family support',
      description: 'Family support provided or commissioned in clusters by third sector services.',
      source: seed.foundation,
    },
    // Cluster based targeted
    ...(
      [
        ['family_intervention_support', 'Family Intervention and Support Services'],
        ['attendance_advisors', 'Attendance Advisors'],
        ['targeted_mental_health', 'Targeted Mental Health Services'],
        ['youth_offending', 'Youth Offending Service'],
        ['speech_and_language', 'Speech and Language'],
        ['area_inclusion_partnerships', 'Area Inclusion Partnerships'],
        ['behaviour_support', 'Behaviour Support'],
        [
          'short_breaks',
          'Short Breaks',
          'Short breaks and activities for children and young people with disabilities.',
        ],
      ] as const
    ).map(([code, label, detail]) => ({
      code,
      label,
      description: detail ? `Cluster based targeted service. ${detail}` : 'Cluster based targeted service.',
      source: seed.servicesTable('Cluster Based Targeted Services'),
    })),
    {
      code: 'families_first',
      label: 'Families First',
      description:
        "Leeds' implementation of the national Troubled Families programme: co-ordinates services around the " +
        'family to address their needs, build on their strengths and develop self-reliance and resilience.',
      source: seed.familiesFirst,
    },
    {
      code: 'integrated_processes',
      label: 'Integrated Processes Team',
      description:
        'Practical and administrative support, training, advice and guidance to practitioners undertaking early ' +
        'help; a point of contact for key information about families, putting practitioners working with the same ' +
        'family in contact with one another.',
      source: cite(seed.glossary('Integrated Processes Team'), seed.servicesTable('Cluster Based Targeted Services')),
    },
    // Specialist
    {
      code: 'childrens_social_work',
      label: "Children's Social Work Service",
      description: 'Specialist. Child in need, child protection, looked after children and care leavers.',
      source: cite(seed.servicesTable('Specialist Services'), seed.glossary("Children's Social Work Service")),
    },
    {
      code: 'specialist_health',
      label: 'Specialist Health Services',
      description:
        'Specialist. Including Continuing Care and the Child and Adolescent Mental Health Service (CAMHS) Tiers 3 ' +
        'and 4.',
      source: seed.servicesTable('Specialist Services'),
    },
    {
      code: 'complex_needs',
      label: 'Complex Needs Service',
      description: 'Specialist.',
      source: seed.servicesTable('Specialist Services'),
    },
    {
      code: 'multi_systemic_therapy',
      label: 'Multi-Systemic Therapy Service',
      description: 'Specialist.',
      source: seed.servicesTable('Specialist Services'),
    },
  ],

  concernCategories: [
    {
      code: 'significant_harm',
      label: 'Risk of significant harm',
      description:
        'The practitioner must contact Duty and Advice, who decide whether a child protection referral should be ' +
        'taken.',
      source: cite(seed.dutyAndAdvice, seed.howWeRespond),
    },
    // 004 Introduction: adults' needs that "can impair their parenting capacity" (Think Family).
    ...(
      [
        ['parental_substance_use', 'Parental substance use'],
        ['parental_mental_health', 'Parental mental health'],
        ['parental_learning_disability', 'Parental learning disability'],
        ['domestic_violence', 'Domestic violence'],
      ] as const
    ).map(([code, label]) => ({
      code,
      label,
      description: "An adult's need that can impair parenting capacity: think family.",
      source: seed.introduction,
    })),
    {
      code: 'child_mental_health',
      label: 'Emotional and mental health',
      description: 'Met by Targeted Mental Health Services and, where specialist, CAMHS.',
      source: cite(seed.servicesTable('Cluster Based Targeted Services'), seed.servicesTable('Specialist Services')),
    },
    {
      code: 'school_attendance',
      label: 'School attendance',
      description: 'Met by Attendance Advisors.',
      source: seed.servicesTable('Cluster Based Targeted Services'),
    },
    {
      code: 'behaviour_and_inclusion',
      label: 'Behaviour and inclusion',
      description: 'Met by Behaviour Support and the Area Inclusion Partnerships.',
      source: seed.servicesTable('Cluster Based Targeted Services'),
    },
    {
      code: 'speech_language_communication',
      label: 'Speech, language and communication',
      description: 'Met by Speech and Language.',
      source: seed.servicesTable('Cluster Based Targeted Services'),
    },
    {
      code: 'offending',
      label: 'Offending or risk of offending',
      description: 'Met by the Youth Offending Service.',
      source: seed.servicesTable('Cluster Based Targeted Services'),
    },
    {
      code: 'disability',
      label: 'Disability',
      description: 'Early Support principles: disabled children supported to lead a normal life; Short Breaks.',
      source: cite(seed.foundation, seed.servicesTable('Cluster Based Targeted Services')),
    },
    {
      code: 'early_years_development',
      label: 'Early years development',
      description: 'From conception to age 5: the best health and ready to learn (Best Start, Early Start).',
      source: cite(seed.bestStart, seed.glossary('Best Start'), seed.glossary('Early Start')),
    },
    {
      code: 'poverty_and_welfare',
      label: 'Poverty, debt and welfare reform',
      description: 'Child poverty, reduced council tax support, the benefit cap and under-occupancy.',
      source: seed.localContext,
    },
    {
      code: 'housing',
      label: 'Housing and overcrowding',
      source: cite(seed.localContext, seed.servicesInLeeds),
    },
    // Not in the seed: neglect is on every English authority's list, and the Graded Care Profile (progressionTools)
    // is required where it is a feature.
    { code: 'neglect', label: 'Neglect' },
    // Not in the seed: every list of concerns needs a way to say what it does not name.
    { code: 'other', label: 'Other' },
  ],

  assessment: {
    types: [
      {
        code: 'conversation_record',
        label: 'Conversation record',
        description: 'Continual assessment supported by conversations, each one recorded.',
        source: seed.conversations,
      },
      {
        code: 'early_help_assessment',
        label: 'Early Help Assessment',
        description: 'Identifies the needs of a child, young person and their family; the basis of the plan.',
        source: cite(seed.earlyHelpAssessments, seed.glossary('Early Help Assessment')),
      },
    ],
    // The whole-family sections of DESIGN §3; the seed cites only strengths and parenting capacity.
    sections: [
      { code: 'childs_developmental_needs', about: 'each_child', label: "Child's developmental needs" },
      {
        code: 'parenting_capacity',
        label: 'Parenting capacity',
        description:
          "Think family: adults' needs such as substance use, mental health, learning disability and domestic " +
          'violence can impair parenting capacity.',
        source: seed.introduction,
      },
      { code: 'family_and_environment', label: 'Family and environment' },
      { code: 'voice_of_the_child', about: 'each_child', label: 'Voice of the child' },
      {
        code: 'parents_views',
        about: 'each_parent',
        label: "Each parent's view",
        description: "Mothers', fathers' and carers' own views, each recorded.",
      },
      {
        code: 'strengths',
        label: 'Strengths',
        description:
          'Strengths as well as needs: a check list approach identifies weaknesses and can overlook strengths.',
        source: cite(seed.principles, seed.conversations),
      },
      { code: 'analysis', label: 'Analysis' },
    ],
    source: cite(seed.earlyHelpAssessments, seed.conversations),
  },

  // The seed defines no closure grounds: these are DESIGN §2's four (from 001 §4, Derby), worded for Leeds.
  // The two sources are for the Leeds sentences added to their descriptions, not for the grounds.
  closureGrounds: [
    {
      code: 'goals_achieved',
      label: 'Goals in the plan achieved',
      description:
        'Once improvement is made and sustained for an agreed period, services reduce or end their involvement ' +
        "to maintain the family's independence.",
      stepUp: false,
      source: seed.principles,
    },
    {
      code: 'no_progress',
      label: 'No progress against the plan',
      description:
        'No progress is being made against the plan and there is no assessed or identified risk of significant ' +
        'harm. Where practitioners cannot agree, they follow the concerns resolution process.',
      stepUp: false,
      source: cite(seed.principles, seed.concernsResolution),
    },
    {
      code: 'family_withdrew',
      label: 'Family no longer wants to engage',
      description:
        'The family no longer want to engage in the voluntary service and there is no risk of significant harm.',
      stepUp: false,
    },
    {
      code: 'risk_escalated',
      label: 'Risk escalated: step up',
      description:
        'Risk escalates and there is no scope for early help to stay involved. The practitioner contacts Duty and ' +
        'Advice, and the move between services is planned and safe.',
      stepUp: true,
      source: cite(seed.howWeRespond, seed.conversations),
    },
  ],

  // The seed sets none of these: DESIGN §4's defaults (from Derby's 000, 001 and 003), without a Leeds source.
  timescales: designTimescales,

  // The seed names no spider graph domains: DESIGN §5's.
  spiderGraphDomains: designSpiderGraphDomains,

  // The seed names no progression of change tools or screenings: DESIGN §4 and §5's, without a source. The seed's
  // warning against a "check list approach" (004 Conversations) is about deciding need, not about measuring change.
  progressionTools: [
    {
      code: 'spider_graph',
      label: 'Spider graph',
      instrument: 'spider-graph',
      description: 'Completed with the family at the start, reviewed before each TAF review and at closure.',
      when: 'baseline_and_reviews',
    },
    {
      code: 'graded_care_profile',
      label: 'Graded Care Profile 2 (GCP2)',
      instrument: 'graded-care-profile-2',
      description: 'Where neglect is a feature: the initial level of care, progress and the need for specialist help.',
      when: 'where_concern',
      concerns: ['neglect'],
    },
    {
      code: 'dash',
      label: 'Domestic abuse risk checklist (DASH)',
      description: 'Where domestic violence is a feature: identifies the level of risk to the victim and the children.',
      when: 'where_concern',
      concerns: ['domestic_violence'],
    },
    {
      code: 'cse_screening',
      instrument: 'cse-screening',
      label: 'CSE screening',
      description: 'Every child aged 10 or over is screened for risk of child sexual exploitation.',
      when: 'age_from',
      age: 10,
    },
  ],

  // The seed speaks of "a range of evidence based interventions" (004 Introduction) and names one: the
  // Multi-Systemic Therapy Service. The others are a short usual list, without a source, for an administrator to adapt.
  evidenceBasedProgrammes: [
    {
      code: 'multi_systemic_therapy',
      label: 'Multi-Systemic Therapy (MST)',
      description: 'Specialist: the Multi-Systemic Therapy Service.',
      source: cite(seed.introduction, seed.servicesTable('Specialist Services')),
    },
    {
      code: 'family_group_conference',
      label: 'Family Group Conference',
      description: 'A restorative way for the wider family to make its own plan.',
    },
    { code: 'incredible_years', label: 'Incredible Years' },
    { code: 'reducing_parental_conflict', label: 'Reducing Parental Conflict' },
  ],

  // The seed has no name for moving between services; it is done by conversation, and the help goes on as needs change.
  stepUpStepDown: {
    model: 'step up / step down',
    description:
      "When a child's needs change and they move between universal, targeted and specialist services, conversations " +
      'make sure this happens in a planned and safe way. Where a specialist service is no longer needed, the ' +
      'conversations continue to find the best response; as needs are met and concerns reduce, the conversations ' +
      'continue until support is no longer required.',
    levelsMayChangeWithinEpisode: true,
    source: cite(seed.conversations, seed.specialistNotNeeded, seed.howWeRespond),
  },

  // The seed sets no case length or sign-off: DESIGN §1's head of service or deputy, without a source.
  overTwelveMonthsSignOff: {
    by: 'Head of service or deputy head of service',
    description:
      'A case open longer than the case length without sign-off needs the agreement of the head of service or ' +
      'deputy, with the reason and the date by which it will close.',
  },

  // The seed names no outcome framework of its own; Families First (004 Families First) is Leeds' delivery of the
  // national programme, so its headline outcomes (Supporting Families programme guidance 2022 to 2025, chapter 5).
  outcomeAreas: {
    framework: 'Supporting Families Outcome Framework: headline outcomes',
    areas: [
      { code: 'good_education', label: 'Getting a good education' },
      { code: 'early_years_development', label: 'Good early years development' },
      { code: 'mental_and_physical_health', label: 'Improved mental and physical health' },
      { code: 'substance_use', label: 'Better managed substance use' },
      { code: 'family_relationships', label: 'Improved family relationships' },
      { code: 'safe_from_abuse_and_exploitation', label: 'Children safe from abuse and exploitation' },
      { code: 'diverted_from_crime', label: 'Families diverted from crime' },
      { code: 'safe_from_domestic_abuse', label: 'Safe from domestic abuse' },
      { code: 'secure_housing', label: 'Secure housing' },
      { code: 'financial_stability', label: 'Financial stability' },
    ],
  },

  // Leeds' own words where the seed has them (lead practitioner, conversation, Early Help Assessment, guidance and
  // support meeting, Duty and Advice); the rest are the national words, which the seed does not use.
  vocabulary: {
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
  },
} satisfies PracticeModel
