import { z } from 'zod'
import { familyMemberRoles } from '../services/records.js'

// The JSON shapes of requests for support, the front door and its decisions, in camelCase.

const recordId = z.uuid().transform(id => id.toLowerCase())
const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD')
const text = (max: number) => z.string().trim().max(max)

const subject = z.strictObject({
  givenName: text(100),
  familyName: text(100),
  role: z.enum(familyMemberRoles).describe('Who they are in the family'),
  dateOfBirth: isoDate.nullish(),
  expectedDate: isoDate.nullish().describe('For an unborn child: the expected date of delivery'),
  postcode: text(10).nullish(),
})

export const newRequestBody = z
  .strictObject({
    kind: z
      .enum(['request', 'conversation', 'step_down'])
      .optional()
      .describe(
        'A request for support (the default, or a conversation where the authority’s way in is a conversation), a ' +
          'conversation record, or a step down from children’s social care (front door only)',
      ),
    subjects: z
      .array(subject)
      .min(1)
      .max(20)
      .describe('The children and adults it is about, as the requester knows them'),
    areaId: recordId.nullish().describe('The area the family lives in, if known'),
    wayInTool: text(60).nullish().describe('The code of the form completed, from the practice model’s way in'),
    receivedOn: isoDate.describe('When the concern was raised; not in the future'),
    urgency: z.enum(['routine', 'urgent']),
    concerns: z.array(text(60)).describe('Concern category codes of the authority’s practice model'),
    worries: text(5000).describe('What worries the requester'),
    tried: text(5000).nullish(),
    familyKnows: text(5000).describe('What the family knows about the request'),
    consent: z.enum(['given', 'refused', 'not_asked']),
    consentGivenBy: text(100).nullish(),
    safeguardingConcern: z.boolean(),
    requesterAgency: text(100).nullish().describe('The requester’s agency, if their account does not say'),
    withWhom: text(500).nullish().describe('A conversation: who took part'),
    agreed: text(5000).nullish().describe('A conversation: what was agreed'),
    conversationOutcome: z.enum(['resolved', 'front_door']).nullish(),
    socialCareReference: text(60).nullish().describe('A step down: the social care episode reference'),
    handoverSummary: text(5000).nullish().describe('A step down: the social worker’s handover'),
  })
  .meta({ id: 'NewRequest' })

const outcome = z
  .object({
    by: z.string().describe('The front door or panel that decided'),
    label: z.string(),
    on: isoDate,
    signpostTo: z.string().nullable(),
  })
  .nullable()

export const requestSummarySchema = z
  .object({
    requestId: z.uuid(),
    kind: z.enum(['request', 'conversation', 'step_down']),
    receivedOn: isoDate,
    urgency: z.enum(['routine', 'urgent']),
    status: z.enum(['awaiting_decision', 'awaiting_information', 'at_panel', 'closed', 'episode_opened']),
    statusLabel: z.string(),
    subjects: z.string().describe('Who it is about, as the requester gave them'),
  })
  .meta({ id: 'RequestSummary' })

export const requestListSchema = z.object({ requests: z.array(requestSummarySchema) })

export const requestSchema = z
  .object({
    requestId: z.uuid(),
    kind: z.enum(['request', 'conversation', 'step_down']),
    receivedOn: isoDate,
    status: z.enum(['awaiting_decision', 'awaiting_information', 'at_panel', 'closed', 'episode_opened']),
    statusLabel: z.string(),
    outcome,
    version: z.number().int(),
    subjects: z.array(
      z.object({
        givenName: z.string(),
        familyName: z.string(),
        role: z.string(),
        dateOfBirth: isoDate.nullable(),
        personId: z.uuid().nullable().describe('The linked record: only for those who work the request'),
      }),
    ),
    familyId: z.uuid().nullable().describe('The linked family: only for those who work the request'),
    decisions: z
      .array(
        z.object({
          by: z.string(),
          outcome: z.string(),
          label: z.string(),
          on: isoDate,
          reason: z.string(),
        }),
      )
      .describe('Every decision on it: only for those who work the request'),
  })
  .meta({ id: 'Request' })

export const decisionBody = z
  .strictObject({
    version: z.number().int().positive().describe('The request’s version when it was read'),
    outcome: text(60).describe('A front door outcome code of the practice model'),
    reason: text(5000),
    signpostTo: text(200).nullish(),
    areaId: recordId.nullish().describe('The area whose panel considers it (route panel)'),
    teamId: recordId.nullish().describe('The team that works with the family (route allocate)'),
    levelOfNeed: text(60).nullish().describe('A level of need code (route allocate)'),
    socialCareTeam: text(200).nullish(),
  })
  .meta({ id: 'FrontDoorDecision' })

export const decidedSchema = z.object({
  status: z.enum(['awaiting_decision', 'awaiting_information', 'at_panel', 'closed', 'episode_opened']),
  statusLabel: z.string(),
})

export const queueSchema = z.object({
  overdueAfterWorkingDays: z.number().int(),
  requests: z.array(
    z.object({
      requestId: z.uuid(),
      receivedOn: isoDate,
      workingDaysOld: z.number().int(),
      overdue: z.boolean(),
      urgency: z.enum(['routine', 'urgent']),
      areaId: z.uuid().nullable(),
      subjects: z.string(),
      concerns: z.array(z.string()),
      safeguardingConcern: z.boolean(),
      consent: z.enum(['given', 'refused', 'not_asked']),
    }),
  ),
})

export const requestIdParams = z.object({ requestId: z.uuid() })
export const queueQuery = z.object({
  areaId: z.uuid().optional(),
  urgency: z.enum(['routine', 'urgent']).optional(),
})

export const linkBody = z
  .strictObject({
    version: z.number().int().positive().describe('The request’s version when it was read'),
    people: z
      .array(z.union([recordId, z.literal('new')]))
      .describe('For each subject, in the request’s order: the id of their record, or "new" for a new one'),
    familyId: z.union([recordId, z.literal('new')]).describe('The family’s id, or "new" for a new family record'),
  })
  .meta({ id: 'LinkToRecords' })

export const meetingParams = z.object({ meetingId: z.uuid() })
export const meetingDecisionParams = z.object({ meetingId: z.uuid(), requestId: z.uuid() })

export const meetingSchema = z
  .object({
    meetingId: z.uuid(),
    areaId: z.uuid(),
    area: z.string(),
    meetsOn: isoDate,
    startsAt: z.string(),
    venue: z.string().nullable(),
    status: z.enum(['scheduled', 'held', 'cancelled']),
    version: z.number().int(),
    attendees: z.array(
      z.object({ name: z.string(), agency: z.string(), attendance: z.enum(['attended', 'apologies']) }),
    ),
    agenda: z.array(
      z.object({
        requestId: z.uuid(),
        requestVersion: z.number().int(),
        familyId: z.uuid().nullable(),
        subjects: z.string(),
        concerns: z.array(z.string()),
        decision: z
          .object({
            decision: z.string(),
            action: z.string(),
            levelOfNeed: z.string(),
            rationale: z.string(),
            episodeId: z.uuid().nullable(),
          })
          .nullable(),
      }),
    ),
    minutes: z.string().nullable(),
  })
  .meta({ id: 'PanelMeeting' })

export const panelDecisionBody = z
  .strictObject({
    requestVersion: z.number().int().positive().describe('The request’s version on the agenda'),
    decision: text(60).describe('A panel decision code of the practice model'),
    levelOfNeed: text(60).describe('A level of need code of the practice model'),
    rationale: text(5000),
    teamId: recordId.nullish().describe('The team (a decision that allocates)'),
    leadProfessionalUserId: recordId.nullish().describe('The lead professional (a decision that names one)'),
    signpostTo: text(200).nullish(),
    socialCareTeam: text(200).nullish(),
  })
  .meta({ id: 'PanelDecision' })
