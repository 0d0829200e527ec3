import type { PracticeModel } from '../schema.js'

/**
 * Derby City Council's practice model, taken from Derby's three seed documents:
 *
 * - 000: Derby City Early Help Strategy ("Stronger Families and Resilient Children"). It has no numbered
 *   sections, so a source names the heading or the paragraph's subject, e.g. "000 Vulnerable Children's
 *   Meetings" or "000 CSE screening".
 * - 001: Derby City Children's Social Care Procedures 2.4, Early Help Case Work Guidance (§1–§4).
 * - 003: Effectiveness and Impact of Early Help Arrangements 2015-16 (§1–§6 and the appendix 1 action plan).
 *
 * Every value taken from a seed carries a `source`; values the seeds do not give carry none and are
 * explained in a comment.
 */
export const derbyPreset = {
  schemaVersion: 2,
  preset: 'derby',
  name: 'Derby City Council',

  // The seeds give the number of localities (three) but no names. 003 (2015-16) refers to "Locality 1 and 5",
  // "Locality 2" and "Locality 3/4" (the earlier five localities in three groups) and 003 §3 calls Locality 5 "the west".
  // The names below are placeholders that an administrator renames.
  areas: {
    kind: 'locality',
    singular: 'locality',
    plural: 'localities',
    names: ['Locality 1', 'Locality 2', 'Locality 3'],
    source: "001 §1 (the three locality teams in the city); 000 Vulnerable Children's Meetings (all three localities)",
  },

  levelsOfNeed: [
    {
      code: 'level-1',
      label: 'Level 1: universal (low level needs)',
      description:
        "Low level needs where individual services and universal service are able to address the child's needs.",
      statutory: false,
      source: '001 §2 (levels of need in the thresholds document)',
    },
    {
      code: 'level-2',
      label: 'Level 2: emerging needs (early help)',
      description:
        'Emerging needs where a range of early help services are required co-ordinated through an early help assessment.',
      statutory: false,
      source: '001 §2 (levels of need); 003 §3 ("Early Help/level 2 cases")',
    },
    {
      code: 'level-3',
      label: 'Level 3: complex needs (child in need)',
      description:
        'Complex or serious needs where assessment and help is likely to be required as a child in need (section 17 of ' +
        'the Children Act 1989) or that they require accommodation (section 20 Children Act 1989). A referral should be ' +
        "made to Children's Social Care, although Early Help also work with level 3 cases, as lead professional or jointly " +
        'with social care.',
      statutory: true,
      source: '001 §2 (levels of need; "Early Help also work with level 3 cases"); 003 §3 ("CIN/level 3 cases")',
    },
    {
      code: 'level-4',
      label: 'Level 4: child protection',
      description:
        'Child protection concerns where a child requires immediate protection and urgent action because there is ' +
        'reasonable cause to suspect that the child is suffering, or likely to suffer, significant harm, and enquiries ' +
        'are to be made and the child assessed under section 47 of the Children Act (1989). This may include ' +
        'consideration about whether a child can safely remain at home.',
      statutory: true,
      source: '001 §2 (levels of need)',
    },
  ],

  wayIn: {
    kind: 'request_for_support',
    label: 'Request for support',
    description:
      'Access to targeted early help is via an Early Help Assessment, presented at the weekly Vulnerable ' +
      "Children's Meeting. The early help pre-assessment checklist and request for support form identify and " +
      'document low level needs and may show that a full Early Help Assessment is needed. Where a child has more ' +
      "complex needs or is at risk of harm, an online referral is made to Children's Social Care instead.",
    tools: [
      {
        code: 'pre-assessment-checklist',
        label: 'Early help pre-assessment checklist and request for support form',
        description: 'For low level needs, such as work in schools.',
        source: '001 §3; 000 Access (assessment tools at each part of the system)',
      },
      {
        code: 'early-help-assessment',
        label: 'Early Help Assessment (EHA)',
        description:
          'For emerging or targeted needs; must be completed where an agency asks for an early help practitioner ' +
          'to act as lead professional and co-ordinate a multi-agency intervention.',
        source:
          '001 §2 ("All agencies are expected to use the Early Help Assessment to request support"); 000 Vulnerable Children\'s Meetings',
      },
    ],
    source:
      '000 Access ("via Early Help Assessment"; "Early Help Pre-assessment Checklist and Request for Support Form"); 001 §2, §3',
  },

  frontDoor: {
    // 000 speaks of "our front door into social care service" and "front door services", with early help
    // advisers in each locality, who guide partners and families through the Early Help Assessment.
    name: 'Front door',
    description:
      'The front door into social care and the early help advisers in each locality advise and support partners, ' +
      'parents and professionals through the Early Help Assessment, signpost families to an appropriate service, or ' +
      "take the assessment to the locality's Vulnerable Children's Meeting. Where a child has more complex needs or " +
      "is at risk of harm, an online referral is made to Children's Social Care.",
    outcomes: [
      {
        code: 'advice-information',
        label: 'Advice and information given',
        description: 'Needs are low and can be met with advice; nothing further is needed from early help.',
        route: 'closed',
        source: '000 Introduction ("provide advice and support"); 001 §1, §3',
      },
      {
        code: 'signpost',
        label: 'Signpost to a universal service',
        description: 'Individual services and universal services are able to meet the need.',
        route: 'signpost',
        source: '000 Access ("signpost to an appropriate service"); 001 §3 ("Where need is low")',
      },
      {
        code: 'vulnerable-childrens-meeting',
        label: "To the Vulnerable Children's Meeting",
        description:
          "The Early Help Assessment is presented at the locality's weekly Vulnerable Children's Meeting, the route " +
          'to targeted early help.',
        route: 'panel',
        source: '000 Vulnerable Children\'s Meetings ("This is the route to access LA Targeted Early Help Services")',
      },
      {
        code: 'social-care',
        label: "Refer to children's social care (step up)",
        description:
          "The child has more complex needs or is at risk of harm: an online referral to Children's Social Care.",
        route: 'social_care',
        source: '000 Access ("an on-line referral should be made to Children\'s Social Care"); 001 §2',
      },
      {
        // The seeds do not name this outcome; a front door needs it when a request cannot yet be decided.
        code: 'more-information',
        label: 'More information needed',
        description: 'Go back to the person who asked for support for the missing information before deciding.',
        route: 'more_information',
      },
    ],
    // The seeds give no timescale for the front door's decision. Five working days is one weekly cycle of the
    // Vulnerable Children's Meeting: a request still undecided after it has missed a meeting.
    undecidedAfter: { value: 5, unit: 'working_days' },
    source: '000 Access (front door services and early help advisers in each locality)',
  },

  panel: {
    name: "Vulnerable Children's Meeting",
    description:
      'A multi-agency forum in each locality, at a set day and time each week, working to clear Terms of Reference ' +
      'to consider all assessments, with a formal chair and minutes. It agrees the threshold met and which service ' +
      'will best meet the needs of the family, signposts professionals to other services where the criteria are not ' +
      'met, and advises partner lead professionals whose intervention is not achieving the desired outcomes or whose ' +
      'concerns are escalating.',
    cadence: 'weekly',
    perArea: true,
    decisions: [
      {
        code: 'targeted-early-help',
        label: 'Targeted early help: allocate to the locality early help team and a lead professional',
        description:
          'The Early Help threshold is met and an early help worker is best placed to deliver the work; the meeting ' +
          'decides which agency the case is allocated to.',
        action: 'allocate',
        service: 'locality-early-help-team',
        source: '001 §2 ("which agencies such cases are allocated to"); 001 §4; 000 Vulnerable Children\'s Meetings',
      },
      {
        code: 'childrens-centre',
        label: "Children's centre: allocate to the locality children's centre team",
        description: 'For the most vulnerable children under 8 and their families.',
        action: 'allocate',
        service: 'childrens-centre',
        source:
          '000 allocation ("to an Early Help Team or a Children\'s Centre"); 000 Early Help Delivery (children\'s centres)',
      },
      {
        code: 'partner-led-taf',
        label: 'Partner-led Team Around the Family',
        description:
          'A partner agency holds the lead professional role and runs the Team Around the Family without an early ' +
          'help service.',
        action: 'lead_professional',
        service: 'partner-led',
        source: '003 §4 Theme 3 ("agencies can run TAF meetings without the need for an Early Help service"); 001 §4',
      },
      {
        code: 'advice-to-lead-professional',
        label: 'Advice to the partner lead professional',
        description:
          'A partner lead professional is concerned that their intervention is not achieving the desired outcomes, ' +
          'or concerns are escalating.',
        action: 'advice',
        source: '000 Vulnerable Children\'s Meetings ("Provide advice back to agencies…")',
      },
      {
        code: 'social-care-threshold-met',
        label: "Children's social care threshold met (step up)",
        description: "There is a safeguarding or complex needs threshold: the case goes to children's social care.",
        action: 'social_care',
        source: '000 Vulnerable Children\'s Meetings ("a safeguarding threshold"); 001 §2 ("Complex Needs threshold")',
      },
      {
        code: 'signpost',
        label: 'Signpost to other services and resources',
        description: 'The assessment does not meet the criteria for targeted early help.',
        action: 'signpost',
        source: '000 Vulnerable Children\'s Meetings ("professionals are signposted to other services and resources")',
      },
      {
        // Not named in the seeds; every panel needs it.
        code: 'no-further-action',
        label: 'No further action',
        action: 'no_further_action',
      },
      {
        // Not named in the seeds; the family comes back to the next weekly meeting.
        code: 'more-information',
        label: 'More information needed: bring back to the next meeting',
        action: 'more_information',
      },
    ],
    source:
      '000 Vulnerable Children\'s Meetings ("occur in all three localities within the city on a weekly basis"); 001 §2',
  },

  services: [
    {
      code: 'locality-early-help-team',
      label: 'Multi-agency locality early help team (MAT)',
      description:
        'Multi-agency early help teams for children and young people aged 8 to 18, co-located with social work ' +
        'teams in each locality.',
      source: '000 Early Help Delivery ("Multi Agency 8-18 Teams"); 001 title; 003 §1',
    },
    {
      code: 'childrens-centre',
      label: "Children's centre",
      description:
        'Targeted services for the most vulnerable children under 8 and their families, from clusters of centres ' +
        'within each locality: parenting capacity, health and wellbeing, child development and school readiness.',
      source: "000 Early Help Delivery (children's centres); 003 §1",
    },
    {
      code: 'staying-together',
      label: 'Staying Together Team',
      description:
        'Targeted work, mostly jointly with social care, for children and young people on the edge of care, and ' +
        'reunification with their families.',
      source: '000 Staying Together Team',
    },
    {
      code: 'integrated-disabled-childrens-service',
      label: "Integrated Disabled Children's Service (early help)",
      description: 'Early help for children and young people with SEND, before and after diagnosis, aged 0 to 25.',
      source: '003 §3 (Integrated Disabled Children\'s Service); 000 offer ("SEND pre and post diagnosis 0-25")',
    },
    {
      code: 'young-carers',
      label: 'Young carers',
      description: 'Targeted support, respite activities and therapeutic support for young carers.',
      source: '000 Young Carers; 003 §6',
    },
    {
      code: 'education-welfare',
      label: 'Education Welfare Service',
      description: 'Statutory school attendance work, children missing education and exclusions.',
      source: '000 Education Welfare Services',
    },
    {
      code: 'missing-return-interviews',
      label: 'Missing children: return interviews',
      description: 'A return interview within 72 hours of a missing child being found.',
      source: '000 Children and Young People who go Missing',
    },
    {
      code: 'neet-connexions',
      label: 'NEET and Connexions support',
      description: 'Identifying and re-engaging 16 and 17 year olds not in education, employment or training.',
      source: '000 NEET; 003 §1 (Space@Connexions)',
    },
    {
      code: 'no-recourse-to-public-funds',
      label: 'No recourse to public funds (NRPF) advice and support',
      source: '000 No Recourse to Public Funds',
    },
    {
      code: 'partner-led',
      label: 'Partner-led Team Around the Family',
      description: 'A partner agency is the lead professional.',
      source: '003 §4 Theme 3; 001 §4 ("The Lead Professional (LP) ... may not necessarily be the Early Help worker")',
    },
  ],

  // The examples of early help (level 2) and level 3 needs in the thresholds document (001 §2), with the needs 000 adds.
  concernCategories: [
    {
      code: 'neglect',
      label: 'Neglect or poor care',
      description: 'Poor nutrition or inadequate clothing, poor home conditions.',
      source: '001 §2; 000 progression of change tools ("where neglect/poor care is a case feature"); 003 §5',
    },
    {
      code: 'housing',
      label: 'Housing and homelessness',
      description: 'Risk of homelessness; young people aged 16 plus who are homeless.',
      source: '001 §2; 000 community hubs (housing issues)',
    },
    {
      code: 'money-food-poverty',
      label: 'Money and food poverty',
      source: '000 community hubs ("access to foodbanks")',
    },
    {
      code: 'domestic-abuse',
      label: 'Domestic abuse',
      description:
        'From low level domestic abuse to repeated or serious domestic abuse (including unborn babies), or a young ' +
        'person aged 16 or 17 who is a victim or perpetrator.',
      source: '001 §2; 003 §5 and appendix 1 action 3.11',
    },
    {
      code: 'parental-conflict',
      label: 'Parental conflict',
      source: '001 §2; 000 evidence-based programmes (Reducing Parental Conflict)',
    },
    {
      code: 'parenting',
      label: 'Parenting, support and boundaries',
      description:
        'Lack of parental support or boundaries; parents having difficulty providing a reasonable standard of parenting.',
      source: '001 §2',
    },
    {
      code: 'parental-mental-health',
      label: "Parent's mental health",
      source: '001 §2',
    },
    {
      code: 'parental-substance-misuse',
      label: "Parent's substance misuse",
      source: '001 §2',
    },
    {
      code: 'parental-disability-illness',
      label: "Parent's physical or learning disability or serious illness",
      source: '001 §2',
    },
    {
      code: 'child-mental-health',
      label: "Child's emotional wellbeing, mental health or self-harm",
      source: '001 §2; 000 Staying Together ("good emotional well-being")',
    },
    {
      code: 'child-substance-misuse',
      label: "Child's substance misuse",
      source: '001 §2',
    },
    {
      code: 'school-attendance',
      label: 'School attendance, disengagement or risk of exclusion',
      source: '001 §2; 000 Education Welfare Services',
    },
    {
      code: 'children-missing-education',
      label: 'Child missing education',
      source: '000 Education Welfare Services (CME)',
    },
    {
      code: 'neet',
      label: 'Not in education, employment or training (NEET), 16 plus',
      source: '001 §2 ("post 16 education, training or employment"); 000 NEET',
    },
    {
      code: 'child-development',
      label: 'Child development, speech and language, school readiness',
      source: "000 Early Help Delivery (children's centres)",
    },
    {
      code: 'disability-send',
      label: 'Disability or special educational needs (SEND)',
      source: '001 §2; 000 SEND offer',
    },
    {
      code: 'health',
      label: 'Chronic health needs',
      source: '001 §2',
    },
    {
      code: 'behaviour',
      label: 'Significant behavioural difficulties',
      source: '001 §2',
    },
    {
      code: 'offending',
      label: 'Offending or risk of offending',
      source: '001 §2',
    },
    {
      code: 'harmful-sexual-behaviour',
      label: 'Sexually harmful behaviour',
      source: '001 §2',
    },
    {
      code: 'cse',
      label: 'Child sexual exploitation',
      description: 'From low level risk to medium risk of child sexual exploitation.',
      source: '001 §2; 000 CSE screening; 003 §2',
    },
    {
      code: 'contextual-safeguarding',
      label: 'Criminal exploitation and place-based risk (contextual safeguarding)',
      source: '000 offer ("Supporting placed Based Risk (contextual safeguarding)"; "CSE/CRE procedures")',
    },
    {
      code: 'missing',
      label: 'Going missing',
      description: 'Beginning to go missing, or persistently missing.',
      source: '001 §2; 000 Children and Young People who go Missing',
    },
    {
      code: 'young-carer',
      label: 'Young carer',
      description: 'A young carer who is coping, or not coping or with unmet needs.',
      source: '001 §2; 000 Young Carers',
    },
    {
      code: 'teenage-pregnancy',
      label: 'Teenage pregnancy and parenthood',
      description: 'Including the risk of early parenthood.',
      source: '001 §2',
    },
    {
      code: 'family-breakdown',
      label: 'Risk of family breakdown (edge of care)',
      source: '001 §2; 000 Staying Together Team',
    },
    {
      code: 'private-fostering',
      label: 'Private fostering arrangement',
      source: '001 §2; 000 case length (privately fostered children)',
    },
    {
      code: 'no-recourse-to-public-funds',
      label: 'No recourse to public funds (NRPF)',
      source: '000 No Recourse to Public Funds',
    },
  ],

  assessment: {
    types: [
      {
        code: 'pre-assessment-checklist',
        label: 'Early help pre-assessment checklist',
        description: 'For low level needs, such as work in schools.',
        source: '001 §3; 000 Access (assessment tools)',
      },
      {
        code: 'early-help-assessment',
        label: 'Early Help Assessment (EHA)',
        description: 'For emerging or targeted needs.',
        source: '000 Access (assessment tools); 001 §2, §4',
      },
      {
        code: 'single-assessment',
        label: 'Single assessment',
        description:
          "Children's social care's assessment for complex or child protection concerns; the basis of the early help " +
          'plan when a case steps down.',
        source: '000 Access (assessment tools); 001 §4 ("either early help or single assessment")',
      },
    ],
    // The whole-family sections of DESIGN §3; the seeds give the reasons for several of them.
    sections: [
      {
        code: 'child-developmental-needs',
        about: 'each_child',
        label: "Child's developmental needs",
      },
      {
        code: 'parenting-capacity',
        label: 'Parenting capacity',
        source: '000 Early Help Delivery (children\'s centres: "parenting capacity")',
      },
      {
        code: 'family-environment',
        label: 'Family and environment',
      },
      {
        code: 'voice-of-the-child',
        about: 'each_child',
        label: 'Voice of the child',
        source: '000 Voice of the Child',
      },
      {
        code: 'parents-views',
        about: 'each_parent',
        label: "Each parent's view (fathers included)",
        description: "Record the views of each parent and carer, including the child's father.",
        source: '003 §4 Theme 5 ("no father\'s views in assessments"); 003 appendix 1 action 3.4',
      },
      {
        code: 'strengths',
        label: 'Strengths',
        source:
          '000 Introduction ("Strengths Based approaches"); 001 opening ("a Strengths Based Approach for all work")',
      },
      {
        code: 'analysis',
        label: 'Analysis of needs and risks',
        description: 'The current needs and risks associated with the family, the basis of the SMART plan.',
        source: '001 §4; 003 §4 Theme 5 (assessments "descriptive, lacking analysis")',
      },
    ],
    source: '000 Access (assessment tools at each part of the system); 001 §4',
  },

  // "Cases should be closed where:", in 001 §4's words.
  closureGrounds: [
    {
      code: 'goals-completed',
      label:
        'The goals (contained within the TAF plan/review plan) relating to the early help practitioner have been completed',
      stepUp: false,
      source: '001 §4',
    },
    {
      code: 'no-progress',
      label:
        'Where no progress against the TAF plan is being made and there is no assessed or identified risk of significant harm',
      stepUp: false,
      source: '001 §4',
    },
    {
      code: 'family-no-longer-engaging',
      label:
        'Where the family no longer want to engage in the voluntary service and there is no risk of significant harm',
      stepUp: false,
      source: '001 §4',
    },
    {
      code: 'risk-escalates',
      label: 'Where risk escalates and there is no scope for Early Help services to remain involved in the case',
      stepUp: true,
      source: '001 §4',
    },
  ],

  timescales: {
    initialTaf: { value: 6, unit: 'weeks', source: '001 §4 ("within 6 weeks of allocation")' },
    tafReviewInterval: { value: 12, unit: 'weeks', source: '001 §4 ("no longer than 12 weeks")' },
    cseScreening: { value: 6, unit: 'weeks', source: '000 CSE screening ("During an initial 6-week period")' },
    // 000 says "children over the age of 10"; read as aged 10 and over (a child is over 10 years of age from their
    // tenth birthday), the reading that screens more children, not fewer, and the one DESIGN §4 takes ("10+").
    cseScreeningFromAge: { value: 10, unit: 'years', source: '000 CSE screening ("children over the age of 10")' },
    // 000 aims to "complete work within 6-9 months"; the schema holds one value, so this is the aim's upper bound.
    caseLengthAim: { value: 9, unit: 'months', source: '000 case length ("within 6-9 months")' },
    caseLengthMaximum: {
      value: 12,
      unit: 'months',
      source: '001 §4 ("maximum length of time ... is 12 months"); 000 case length (Senior Manager sign-off)',
    },
    returnInterview: {
      value: 72,
      unit: 'hours',
      source: '000 Children and Young People who go Missing ("within 72hrs of being found")',
    },
    reopeningWindow: { value: 3, unit: 'months', source: '003 §2 ("cases re-opened within 3 months")' },
  },

  // The seeds use spider graphs (000, 001 §4, 003 §2) but do not name their domains; these are DESIGN §5's.
  spiderGraphDomains: [
    { code: 'home-conditions', label: 'Home conditions' },
    { code: 'health', label: 'Health' },
    { code: 'parenting', label: 'Parenting' },
    { code: 'relationships', label: 'Family relationships' },
    { code: 'education', label: 'Education and school attendance' },
    { code: 'emotional-wellbeing', label: 'Emotional wellbeing' },
    { code: 'safety', label: 'Safety' },
    { code: 'finances', label: 'Money and finances' },
  ],

  // "Progression of change tools" (000, 001 §4) and the screenings and tools the audit asked for (003 appendix 1).
  progressionTools: [
    {
      code: 'spider-graph',
      label: 'Spider graph',
      instrument: 'spider-graph',
      description:
        'Completed by the allocated worker with the family before the first TAF meeting to benchmark where the family ' +
        'are, reviewed before each TAF review meeting as the basis for discussing progress, and reviewed at the end of ' +
        "the intervention. The spider graph's questions gather the family's views before each review.",
      when: 'baseline_and_reviews',
      source:
        '001 §4 ("All cases MUST have an initial progression of change tool"; reviewed before each TAF review and ' +
        'at termination); 000 progression of change tools; 003 §4 Theme 1',
    },
    {
      // The seeds say "Graded Care Profile" (GCP); GCP2 is the NSPCC's current edition of it.
      code: 'graded-care-profile',
      label: 'Graded Care Profile 2 (GCP2)',
      instrument: 'graded-care-profile-2',
      description:
        'In every case where neglect or poor care is a feature: to assess the initial level of concern, measure ' +
        'progress and inform the need to escalate the case.',
      when: 'where_concern',
      concerns: ['neglect'],
      source:
        '000 progression of change tools ("where neglect/poor care is a case feature"); 001 §4; 003 appendix 1 ' +
        'action 3.3 ("GCP to be used in all cases where neglect is a key feature"); 003 §5',
    },
    {
      code: 'dvrim',
      label: 'Domestic Violence Risk Identification Matrix (DVRIM)',
      description:
        'Where domestic abuse is a feature: informs the assessment of the impact on the children and the victim, ' +
        'identifies risk factors and quantifies the level of risk within the family.',
      when: 'where_concern',
      concerns: ['domestic-abuse'],
      source:
        '003 appendix 1 action 3.11 ("Ensure use of Domestic Violence Risk Identification Matrix (DVRIM)"); 003 §5 ' +
        '(case file audit: "a key assessment tool")',
    },
    {
      // 000 writes "ARCADS": the Revised Child Anxiety and Depression Scale, which 001 §4 calls RCADS.
      code: 'rcads',
      label: 'RCADS (Revised Child Anxiety and Depression Scale)',
      instrument: 'rcads',
      description: 'RCADS or SCORE-15 is completed before a case is worked in IAPT CBT or systemic work.',
      when: 'before_service',
      programmes: ['iapt-cbt', 'family-systemic-interventions'],
      beforeWork: 'IAPT CBT or systemic work',
      alternatives: ['score-15'],
      source:
        '000 RCADS or SCORE-15 ("Allocation for either IAPT(CBT) or systemic work requires ARCADS or Score 15 ' +
        'assessment"); 001 §4 (RCADS among the progression of change tools)',
    },
    {
      code: 'score-15',
      label: 'SCORE-15 (family functioning)',
      instrument: 'score-15',
      description: 'RCADS or SCORE-15 is completed before a case is worked in IAPT CBT or systemic work.',
      when: 'before_service',
      programmes: ['iapt-cbt', 'family-systemic-interventions'],
      beforeWork: 'IAPT CBT or systemic work',
      alternatives: ['rcads'],
      source:
        '000 RCADS or SCORE-15 ("requires ARCADS or Score 15 assessment prior to a case being worked"); 001 §4 ' +
        '(Score 15 among the progression of change tools)',
    },
    {
      // The age matches timescales.cseScreeningFromAge (10, "children over the age of 10"); the screening is due
      // within timescales.cseScreening (6 weeks).
      code: 'cse-screening',
      instrument: 'cse-screening',
      label: 'CSE Risk Assessment Toolkit (CSE screening)',
      description:
        'Every case referred for a child aged 10 or over is screened for child sexual exploitation risks during the ' +
        "initial 6 weeks; any actions follow the Derby Safeguarding Children's Board CSE/CRE procedures.",
      when: 'age_from',
      age: 10,
      source:
        '000 CSE screening ("children over the age of 10 are screened … using the CSE Risk Assessment Toolkit"); 003 §2',
    },
    {
      code: 'change-balloon',
      label: 'Change balloon',
      description: 'A progression of change tool the worker may use with the family alongside the spider graph.',
      when: 'optional',
      source: '000 progression of change tools ("spider-graphs, change balloon and Graded-Care Profile")',
    },
  ],

  // 000 Support and Delivery: "Our Evidenced based programmes include: … Additional programmes offered include: …"
  evidenceBasedProgrammes: [
    {
      code: 'family-systemic-interventions',
      label: 'Family Systemic Interventions',
      description: 'With consultation and reflective supervision from a trained manager.',
      source: '000 evidence-based programmes; 003 appendix 1 action 2.3 (systemic techniques of family work)',
    },
    { code: 'non-violent-resistance', label: 'Non-Violent Resistance (NVR)', source: '000 evidence-based programmes' },
    {
      code: 'iapt-cbt',
      label: 'IAPT CBT',
      description: 'Cognitive behavioural therapy in the Improving Access to Psychological Therapies model.',
      source: '000 evidence-based programmes; 003 §3 Overall Summary (IAPT models)',
    },
    { code: 'incredible-years', label: 'Incredible Years', source: '000 evidence-based programmes' },
    {
      code: 'reducing-parental-conflict',
      label: 'Reducing Parental Conflict',
      source: '000 evidence-based programmes',
    },
    { code: 'elklan', label: 'Elklan Language Training', source: '000 evidence-based programmes' },
    { code: 'freedom', label: 'Freedom', source: '000 evidence-based programmes' },
    { code: 'escape-the-trap', label: 'Escape the Trap', source: '000 evidence-based programmes (additional)' },
    {
      code: 'freedom-for-children',
      label: 'Freedom for children',
      source: '000 evidence-based programmes (additional)',
    },
    { code: 'peep', label: 'PEEP', source: '000 evidence-based programmes (additional)' },
  ],

  stepUpStepDown: {
    model: 'step up / step down',
    description:
      "When risk escalates beyond early help, the case steps up to Children's Social Care and the early help " +
      'episode closes; once concerns have been investigated and it is safe to de-escalate, the case steps back down ' +
      'to Early Help. Early Help also work with level 3 (child in need) cases, as lead professional or jointly with ' +
      'social care, and jointly on some child protection cases, so the level of need can change while early help ' +
      'stays involved.',
    levelsMayChangeWithinEpisode: true,
    source:
      '001 §2 ("Early Help also work with level 3 cases"); 001 §4; 003 §3 (joint work on CIN and CP cases); ' +
      '003 §4 Theme 2 ("stepping back down"); 000 principles ("escalate and de-escalate cases")',
  },

  overTwelveMonthsSignOff: {
    by: 'Line manager',
    informed: 'Head of Service / Deputy Head of Service',
    description:
      'The practitioner raises the case with their line manager in supervision to get management sign off to keep ' +
      'it open for longer than 12 months; the manager looks at the quality of the plan and whether there is drift, ' +
      'and agrees a timeline for closing the case. Team Managers discuss all such cases with their Head of Service / ' +
      'Deputy Head of Service, who keep an overview of every case in their locality open over 12 months. The ' +
      'strategy (000) puts it as sign off from a Senior Manager.',
    source:
      '001 §4 ("raise these cases with their line manager in supervision"; Team Managers discuss them with their ' +
      'Head of Service / Deputy); 000 case length ("require sign off from a Senior Manager")',
  },

  // 000 says Derby's early help and social care lead the Supporting Vulnerable Families (Troubled Families)
  // initiative; the seeds name no family outcome areas of Derby's own, so these are the ten headline outcomes of the
  // national Supporting Families outcome framework (2022 to 2025), which the seeds do not list.
  outcomeAreas: {
    framework: 'Supporting Families headline outcomes (Derby: Supporting Vulnerable Families)',
    areas: [
      { code: 'good-education', label: 'Getting a good education' },
      { code: 'early-years-development', label: 'Good early years development' },
      { code: 'mental-physical-health', label: 'Improved mental and physical health' },
      { code: 'substance-use', label: 'Better managed substance use' },
      { code: 'family-relationships', label: 'Improved family relationships' },
      { code: 'safe-from-abuse-exploitation', label: 'Children safe from abuse and exploitation' },
      { code: 'diverted-from-crime', label: 'Families diverted from crime' },
      { code: 'safe-from-domestic-abuse', label: 'Safe from domestic abuse' },
      { code: 'secure-housing', label: 'Secure housing' },
      { code: 'financial-stability', label: 'Financial stability' },
    ],
    source: '000 Early Help Delivery ("Supporting Vulnerable Families (Troubled Families) initiative")',
  },

  vocabulary: {
    leadProfessional: 'lead professional',
    teamAroundTheFamily: 'Team Around the Family',
    tafAbbreviation: 'TAF',
    requestForSupport: 'request for support',
    earlyHelpAssessment: 'Early Help Assessment',
    panel: "Vulnerable Children's Meeting",
    frontDoor: 'front door',
    howWasItForYou: 'How Was It for You?',
    stepUp: 'step up',
    stepDown: 'step down',
  },
} satisfies PracticeModel
