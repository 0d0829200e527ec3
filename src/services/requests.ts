import type { Executor } from '../data/database.js'
import { familiesOfPerson, insertMember, insertPersonDetails, membersOf, type PersonDetails } from '../data/people.js'
import { findFamily, insertFamily } from '../data/records.js'
import {
  findRequest,
  frontDoorCounts,
  frontDoorDecisionsOf,
  insertFrontDoorDecision,
  insertRequest,
  insertSocialCareReferral,
  linkSubject,
  openRequests,
  requestsBy,
  requestsOfFamily,
  socialCareReferralsOf,
  subjectsOf,
  updateRequest,
  type RequestSubjectRow,
} from '../data/requests.js'
import { panelDecisionsOf } from '../data/panels.js'
import type {
  FamilyMemberRole,
  RequestConsentAnswer,
  RequesterKind,
  RequestKind,
  RequestStatus,
  Urgency,
} from '../data/schema.js'
import { familyMemberRoles, requestConsentAnswers, urgencies } from '../data/schema.js'
import { findArea, findTeam, findUser, listAreas, listTeams } from '../data/staff.js'
import { todayIn } from '../lib/dates.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../lib/errors.js'
import { isValidPostcode, normalisePostcode, postcodeMessage } from '../lib/identifiers.js'
import { normaliseName } from '../lib/names.js'
import { workingDaysBetween } from '../lib/workingDays.js'
import { authorize, can, requestAbilities, type RequestResource } from '../policies/index.js'
import type { PracticeModel } from '../practice-models/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import type { createEpisodeService } from './episodes.js'
import type { createPracticeModelService } from './practiceModels.js'
import type { RecordAccess } from './recordAccess.js'
import type { createRecordsService } from './records.js'

/** The agencies a request can come from (the partnership of DESIGN §1). */
export const requestAgencies = [
  'School or college',
  'Early years or nursery',
  'Health visiting or school nursing',
  'GP or hospital',
  'Mental health services',
  'Police',
  'Housing',
  'Voluntary and community sector',
  'Early help',
  'Children’s social care',
  'Adult services',
  'The family',
  'Other',
] as const

export interface SubjectInput {
  /** A person already on record (a member of the family the request is made from). */
  personId: string | null
  givenName: string
  familyName: string
  dateOfBirth: string | null
  expectedDate: string | null
  memberRole: string
  address: string | null
  postcode: string | null
}

/** A request for support, referral or conversation as a form or the API gives it. */
export interface RequestInput {
  kind: RequestKind
  wayInTool: string | null
  familyId: string | null
  areaId: string | null
  subjects: SubjectInput[]
  receivedOn: string | null
  requesterKind: RequesterKind
  requesterName: string | null
  requesterAgency: string | null
  requesterContact: string | null
  urgency: string | null
  concerns: string[]
  worries: string
  familyKnows: string
  consent: string | null
  consentGivenBy: string | null
  safeguardingConcern: boolean | null
  tried: string | null
  withWhom: string | null
  agreed: string | null
  conversationOutcome: string | null
  socialCareReference: string | null
  handoverSummary: string | null
}

/** The front door's decision as a form or the API gives it. */
export interface DecisionInput {
  outcome: string | null
  reason: string
  signpostTo: string | null
  areaId: string | null
  teamId: string | null
  levelOfNeed: string | null
  socialCareTeam: string | null
}

/** Which record each subject is, and which family the request is for, as the front door chose. */
export interface LinkInput {
  /** Per subject position: a person's id, or 'new' for a new record. */
  people: Record<number, string>
  /** A family's id, or 'new'. */
  familyId: string
}

const blank = (value: string | null | undefined) => !value || value.trim() === ''
const trimmed = (value: string | null | undefined) => (blank(value) ? null : value!.trim())

/** Routes that put the family into early help: no consent, no early help step (issue 7). */
const EARLY_HELP_ROUTES = new Set(['panel', 'allocate'])

/** Requests for support, referrals and conversations; the front door's decisions; step down from social care. */
export function createRequestService(
  { database, clock }: ServiceDeps,
  deps: {
    accessLog: ReturnType<typeof createAccessLogService>
    access: RecordAccess
    chronology: ReturnType<typeof createChronologyService>
    practiceModels: ReturnType<typeof createPracticeModelService>
    records: ReturnType<typeof createRecordsService>
    episodes: ReturnType<typeof createEpisodeService>
  },
) {
  const { db } = database
  const { accessLog, access, chronology, practiceModels, records, episodes } = deps
  const today = () => todayIn(clock.now())

  /** The request and what the policy needs to decide on it; a logged refusal if the action is not allowed. */
  async function load(
    ctx: RequestContext,
    requestId: string,
    action: 'request:read' | 'request:decide',
    ex: Executor = db,
  ) {
    const authorityId = ctx.actor.authorityId
    const request = await findRequest(ex, authorityId, requestId)
    if (!request) throw new NotFoundError()
    const family = request.family_id
      ? ((
          await access.familyResources(
            authorityId,
            [{ family_id: request.family_id, team_id: request.family_team_id, area_id: request.family_area_id }],
            ex,
          )
        )[0] ?? null)
      : null
    const resource: RequestResource = {
      authorityId,
      submittedBy: request.submitted_by,
      requesterUserId: request.requester_user_id,
      areaId: request.area_id,
      family,
    }
    if (!can(ctx.actor, action, resource)) {
      const restricted = family?.restrictedTo != null && !family.restrictedTo.includes(ctx.actor.userId)
      // Inside a transaction the caller checked first (outside it), so the refusal is already logged; on
      // PGlite's one connection, logging from inside would wait for the transaction waiting for it.
      if (ex === db) await accessLog.recordRefusal(ctx, 'request', requestId, restricted ? 'restricted record' : null)
      throw restricted ? new NotFoundError() : new ForbiddenError()
    }
    return { request, resource }
  }

  function checkSubjects(input: RequestInput, errors: FieldError[]): RequestSubjectRow[] {
    const subjects: RequestSubjectRow[] = []
    input.subjects.forEach((subject, index) => {
      const field = (name: string) => `subjects-${index}-${name}`
      if (blank(subject.givenName))
        errors.push({ field: field('givenName'), message: `Enter the first name of person ${index + 1}` })
      if (blank(subject.familyName))
        errors.push({ field: field('familyName'), message: `Enter the last name of person ${index + 1}` })
      if (!(familyMemberRoles as readonly string[]).includes(subject.memberRole))
        errors.push({ field: field('memberRole'), message: `Select who person ${index + 1} is in the family` })
      if (subject.dateOfBirth && subject.dateOfBirth > today())
        errors.push({
          field: field('dateOfBirth'),
          anchor: `${field('dateOfBirth')}-day`,
          message: `The date of birth of person ${index + 1} must be today or in the past`,
        })
      let postcode = trimmed(subject.postcode)
      if (postcode && !isValidPostcode(postcode)) errors.push({ field: field('postcode'), message: postcodeMessage })
      else if (postcode) postcode = normalisePostcode(postcode)
      subjects.push({
        personId: subject.personId,
        givenName: subject.givenName.trim(),
        familyName: subject.familyName.trim(),
        dateOfBirth: subject.memberRole === 'unborn child' ? null : subject.dateOfBirth,
        expectedDate: subject.memberRole === 'unborn child' ? subject.expectedDate : null,
        memberRole: subject.memberRole as FamilyMemberRole,
        address: trimmed(subject.address),
        postcode,
      })
    })
    if (input.subjects.length === 0)
      errors.push({ field: 'subjects', message: 'Add the children and adults the request is about' })
    else if (!input.subjects.some(subject => subject.memberRole === 'child' || subject.memberRole === 'unborn child'))
      errors.push({ field: 'subjects', message: 'Add at least one child or unborn baby the request is about' })
    return subjects
  }

  function checkRequest(model: PracticeModel, input: RequestInput, errors: FieldError[]) {
    const concernCodes = new Set(model.concernCategories.map(concern => concern.code))
    if (input.concerns.length === 0) errors.push({ field: 'concerns', message: 'Select at least one concern' })
    else if (input.concerns.some(concern => !concernCodes.has(concern)))
      errors.push({ field: 'concerns', message: 'Select concerns from the list' })
    if (input.wayInTool && !model.wayIn.tools.some(tool => tool.code === input.wayInTool))
      errors.push({ field: 'wayInTool', message: 'Select a form from the list' })
    if (!input.receivedOn)
      errors.push({ field: 'receivedOn', anchor: 'receivedOn-day', message: 'Enter the date the concern was raised' })
    else if (input.receivedOn > today())
      errors.push({ field: 'receivedOn', anchor: 'receivedOn-day', message: 'The date must be today or in the past' })
    if (!(urgencies as readonly string[]).includes(input.urgency ?? ''))
      errors.push({ field: 'urgency', message: 'Select how urgent the request is' })
    if (blank(input.worries)) errors.push({ field: 'worries', message: 'Enter what worries you about the family' })
    if (blank(input.familyKnows))
      errors.push({ field: 'familyKnows', message: 'Enter what the family knows about this request' })
    if (!(requestConsentAnswers as readonly string[]).includes(input.consent ?? ''))
      errors.push({ field: 'consent', message: 'Select whether the family consented to the request' })
    else if (input.consent === 'given' && blank(input.consentGivenBy))
      errors.push({ field: 'consentGivenBy', message: 'Enter who in the family gave consent' })
    if (input.safeguardingConcern === null)
      errors.push({ field: 'safeguardingConcern', message: 'Select whether there is a safeguarding concern' })
    if (input.kind === 'conversation') {
      if (blank(input.withWhom)) errors.push({ field: 'withWhom', message: 'Enter who took part in the conversation' })
      if (blank(input.agreed)) errors.push({ field: 'agreed', message: 'Enter what was agreed' })
      if (!['resolved', 'front_door'].includes(input.conversationOutcome ?? ''))
        errors.push({ field: 'conversationOutcome', message: 'Select the outcome of the conversation' })
    }
    if (input.kind === 'step_down') {
      if (blank(input.socialCareReference))
        errors.push({ field: 'socialCareReference', message: 'Enter the social care episode reference' })
      if (blank(input.handoverSummary))
        errors.push({ field: 'handoverSummary', message: 'Enter the social worker’s handover summary' })
    }
  }

  /** Who asked: the signed-in partner or member of staff, or (recorded by staff) a family's self-referral. */
  async function requester(ctx: RequestContext, input: RequestInput, errors: FieldError[]) {
    const user = await findUser(db, ctx.actor.authorityId, ctx.actor.userId)
    if (!user) throw new NotFoundError()
    if (input.requesterKind === 'family' || input.kind === 'step_down') authorize(ctx.actor, 'requests:createForOthers')
    if (input.requesterKind === 'family') {
      if (blank(input.requesterName))
        errors.push({ field: 'requesterName', message: 'Enter the name of the family member who asked for help' })
      return {
        requesterKind: 'family' as const,
        requesterUserId: null,
        requesterName: input.requesterName?.trim() ?? '',
        requesterAgency: 'The family',
        requesterContact: trimmed(input.requesterContact),
      }
    }
    const agency = trimmed(input.requesterAgency) ?? user.agency ?? (ctx.actor.role === 'partner' ? null : 'Early help')
    if (!agency) errors.push({ field: 'requesterAgency', message: 'Select your agency' })
    return {
      requesterKind: (ctx.actor.role === 'partner' ? 'partner' : 'staff') as RequesterKind,
      requesterUserId: user.user_id,
      requesterName: user.display_name,
      requesterAgency: agency ?? '',
      requesterContact: trimmed(input.requesterContact) ?? user.email,
    }
  }

  return {
    agencies: requestAgencies,

    /** What the request form offers: the model's words, concerns and forms, the areas, and a family's members when made from its page. */
    async newForm(ctx: RequestContext, familyId: string | null) {
      authorize(ctx.actor, 'requests:create')
      const authorityId = ctx.actor.authorityId
      const [{ model }, areas, user] = await Promise.all([
        practiceModels.get(authorityId),
        listAreas(db, authorityId),
        findUser(db, authorityId, ctx.actor.userId),
      ])
      let family = null
      if (familyId) {
        if (ctx.actor.role === 'partner') throw new NotFoundError()
        const found = await access.family(ctx, familyId, 'family:read')
        const members = (await membersOf(db, authorityId, familyId)).filter(member => member.left_on === null)
        family = { ...found.family, members }
      }
      return {
        model,
        areas: areas.filter(area => area.active),
        agencies: requestAgencies,
        userAgency: user?.agency ?? null,
        forOthers: can(ctx.actor, 'requests:createForOthers'),
        family,
        today: today(),
      }
    },

    /** The choices the front door's decision form offers. */
    async decisionForm(ctx: RequestContext, requestId: string) {
      const authorityId = ctx.actor.authorityId
      const { request } = await load(ctx, requestId, 'request:decide')
      const [{ model }, areas, teams] = await Promise.all([
        practiceModels.get(authorityId),
        listAreas(db, authorityId),
        listTeams(db, authorityId),
      ])
      return {
        request,
        model,
        areas: areas.filter(area => area.active),
        teams: teams.filter(team => team.active),
        levels: model.levelsOfNeed,
      }
    },

    /** Submits a request for support, referral, conversation or step down: every problem at once, then one transaction. */
    async submit(ctx: RequestContext, input: RequestInput) {
      authorize(ctx.actor, 'requests:create')
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const errors: FieldError[] = []
      const asker = await requester(ctx, input, errors)
      checkRequest(model, input, errors)
      let subjects: RequestSubjectRow[]
      let areaId = input.areaId
      if (input.familyId) {
        // Made from a family's page: the subjects are members already on record.
        if (ctx.actor.role === 'partner') throw new NotFoundError()
        const { family } = await access.family(ctx, input.familyId, 'family:read')
        const members = await membersOf(db, authorityId, input.familyId)
        const chosen = members.filter(
          member => member.left_on === null && input.subjects.some(subject => subject.personId === member.person_id),
        )
        if (!chosen.some(member => member.role === 'child' || member.role === 'unborn child'))
          errors.push({ field: 'subjects', message: 'Select at least one child the request is about' })
        subjects = chosen.map(member => ({
          personId: member.person_id,
          givenName: member.given_name,
          familyName: member.family_name,
          dateOfBirth: member.date_of_birth,
          expectedDate: member.expected_date,
          memberRole: member.role,
          address: null,
          postcode: null,
        }))
        areaId = areaId ?? family.area_id
      } else {
        subjects = checkSubjects(input, errors)
      }
      if (areaId && !(await findArea(db, authorityId, areaId)))
        errors.push({ field: 'areaId', message: `Select a ${model.areas.singular} from the list` })
      if (errors.length > 0) throw new ValidationError(errors)
      const resolved = input.kind === 'conversation' && input.conversationOutcome === 'resolved'
      return access.transaction(async trx => {
        const requestId = await insertRequest(trx, {
          authorityId,
          request: {
            kind: input.kind,
            wayInTool: input.wayInTool,
            familyId: input.familyId,
            areaId,
            receivedOn: input.receivedOn!,
            ...asker,
            urgency: input.urgency as Urgency,
            concerns: input.concerns,
            worries: input.worries.trim(),
            familyKnows: input.familyKnows.trim(),
            consent: input.consent as RequestConsentAnswer,
            consentGivenBy: input.consent === 'given' ? trimmed(input.consentGivenBy) : null,
            safeguardingConcern: input.safeguardingConcern!,
            tried: trimmed(input.tried),
            withWhom: input.kind === 'conversation' ? trimmed(input.withWhom) : null,
            agreed: input.kind === 'conversation' ? trimmed(input.agreed) : null,
            conversationOutcome:
              input.kind === 'conversation' ? (input.conversationOutcome as 'resolved' | 'front_door') : null,
            socialCareReference: input.kind === 'step_down' ? trimmed(input.socialCareReference) : null,
            handoverSummary: input.kind === 'step_down' ? trimmed(input.handoverSummary) : null,
            status: resolved ? 'closed' : 'awaiting_decision',
          },
          subjects,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        if (input.familyId) await recordReceipt(trx, ctx, model, input.familyId, subjects, asker, input)
        await accessLog.record(ctx, 'create', 'request', [requestId], trx)
        return requestId
      })
    },

    /** Refuses (logged) a user who may not take the action on the request: asked before a body is read. */
    async authorize(ctx: RequestContext, requestId: string, action: 'request:read' | 'request:decide') {
      await load(ctx, requestId, action)
    },

    /** One request, with who it is about, the decisions on it and what the user may do with it. */
    async get(ctx: RequestContext, requestId: string) {
      const authorityId = ctx.actor.authorityId
      const { request, resource } = await load(ctx, requestId, 'request:read')
      const abilities = requestAbilities(ctx.actor, resource)
      const [subjects, decisions, panelDecisions] = await Promise.all([
        subjectsOf(db, authorityId, requestId),
        frontDoorDecisionsOf(db, authorityId, requestId),
        panelDecisionsOf(db, authorityId, requestId),
      ])
      const { model } = await practiceModels.get(authorityId)
      await accessLog.record(ctx, 'view', 'request', [requestId])
      return {
        request,
        subjects,
        decisions,
        panelDecisions,
        abilities,
        model,
        labels: labelsOf(model),
        statusLabel: statusLabel(model, request.status),
        outcome: outcomeOf(model, request.status, decisions.at(-1), panelDecisions.at(-1)),
        age: workingDaysBetween(request.received_on, today()),
      }
    },

    /** Possible records for each subject of a request (the duplicate check), for the front door to link. */
    async candidates(ctx: RequestContext, requestId: string) {
      const { request } = await load(ctx, requestId, 'request:decide')
      const subjects = await subjectsOf(db, ctx.actor.authorityId, requestId)
      const matches = await Promise.all(
        subjects.map(async subject =>
          subject.person_id
            ? []
            : records.findDuplicates(
                ctx,
                {
                  ...blankDetails(),
                  givenName: subject.given_name,
                  familyName: subject.family_name,
                  dateOfBirth: subject.date_of_birth,
                  expectedDate: subject.expected_date,
                },
                subject.postcode,
              ),
        ),
      )
      // The families each match belongs to now, so the front door can link the request to one of them.
      const withFamilies = await Promise.all(
        matches.map(list =>
          Promise.all(
            list.map(async match => ({
              ...match,
              families:
                match.visible && match.personId
                  ? (await familiesOfPerson(db, ctx.actor.authorityId, match.personId)).filter(
                      family => family.left_on === null,
                    )
                  : [],
            })),
          ),
        ),
      )
      return { request, subjects: subjects.map((subject, index) => ({ subject, matches: withFamilies[index] ?? [] })) }
    },

    /** Links the request to the family's records: people found or created, a family found or created. */
    async link(ctx: RequestContext, requestId: string, version: number, input: LinkInput) {
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const at = clock.now()
      await load(ctx, requestId, 'request:decide')
      await access.transaction(async trx => {
        const { request } = await load(ctx, requestId, 'request:decide', trx)
        if (request.version !== version) throw new ConflictError()
        if (request.family_id)
          throw new ValidationError([{ field: 'familyId', message: 'This request is already linked to a family' }])
        const subjects = await subjectsOf(trx, authorityId, requestId)
        const errors: FieldError[] = []
        subjects.forEach(subject => {
          if (!subject.person_id && !input.people[subject.position])
            errors.push({
              field: `person-${subject.position}`,
              message: `Select the record of ${subject.given_name} ${subject.family_name}, or create a new one`,
            })
        })
        if (blank(input.familyId)) errors.push({ field: 'familyId', message: 'Select the family, or create a new one' })
        if (errors.length > 0) throw new ValidationError(errors)
        const personIds = new Map<number, string>()
        for (const subject of subjects) {
          const choice = subject.person_id ?? input.people[subject.position]!
          if (choice === 'new') {
            const personId = await insertPersonDetails(trx, {
              authorityId,
              details: {
                ...blankDetails(),
                givenName: subject.given_name,
                familyName: subject.family_name,
                dateOfBirth: subject.date_of_birth,
                expectedDate: subject.expected_date,
              },
              searchName: normaliseName(`${subject.given_name} ${subject.family_name}`),
              by: ctx.actor.userId,
              at,
            })
            await accessLog.record(ctx, 'create', 'person', [personId], trx)
            personIds.set(subject.position, personId)
          } else {
            await access.person(ctx, choice, 'person:read', trx)
            personIds.set(subject.position, choice)
          }
          await linkSubject(trx, {
            authorityId,
            requestId,
            position: subject.position,
            personId: personIds.get(subject.position)!,
          })
        }
        let familyId = input.familyId
        if (familyId === 'new') {
          const first = subjects.find(subject => subject.member_role !== 'child') ?? subjects[0]!
          familyId = await insertFamily(trx, {
            authorityId,
            name: first.family_name,
            areaId: request.area_id,
            teamId: null,
            by: ctx.actor.userId,
            at,
          })
          await chronology.recordEvent(trx, ctx, {
            familyId,
            personIds: [],
            occurredOn: today(),
            category: 'Early help',
            summary: `Family record created from a ${model.vocabulary.requestForSupport}`,
            event: chronologyEvents.familyCreated,
          })
          await accessLog.record(ctx, 'create', 'family', [familyId], trx)
        } else {
          await access.family(ctx, familyId, 'family:read', trx)
        }
        const members = await membersOf(trx, authorityId, familyId)
        for (const subject of subjects) {
          const personId = personIds.get(subject.position)!
          if (members.some(member => member.person_id === personId && member.left_on === null)) continue
          await insertMember(trx, {
            authorityId,
            familyId,
            personId,
            role: subject.member_role,
            joinedOn: null,
            livesInHousehold: true,
          })
          await chronology.recordEvent(trx, ctx, {
            familyId,
            personIds: [personId],
            occurredOn: today(),
            category: 'Family life',
            summary: `${subject.given_name} ${subject.family_name} added to the family as ${subject.member_role}`,
            event: chronologyEvents.joinedFamily,
          })
        }
        const family = await findFamily(trx, authorityId, familyId)
        const updated = await updateRequest(trx, {
          authorityId,
          requestId,
          version,
          familyId,
          areaId: request.area_id ?? family?.area_id ?? null,
          at,
        })
        if (!updated) throw new ConflictError()
        await recordReceipt(
          trx,
          ctx,
          model,
          familyId,
          subjects.map(subject => ({ personId: personIds.get(subject.position)! })),
          { requesterName: request.requester_name, requesterAgency: request.requester_agency },
          { receivedOn: request.received_on, worries: request.worries },
        )
        await accessLog.record(ctx, 'update', 'request', [requestId], trx)
      })
    },

    /**
     * The front door's decision, one of the practice model's outcomes, with the reason: closes the request,
     * asks for more, routes it to the panel, refers to social care (step up) or opens an episode.
     */
    async decide(ctx: RequestContext, requestId: string, version: number, input: DecisionInput) {
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const { request } = await load(ctx, requestId, 'request:decide')
      const outcome = model.frontDoor.outcomes.find(candidate => candidate.code === input.outcome)
      // Someone else decided (or linked) since this form was loaded: tell them first, whatever else is wrong.
      if (request.version !== version) throw new ConflictError()
      const errors: FieldError[] = []
      if (!outcome) errors.push({ field: 'outcome', message: 'Select a decision' })
      if (blank(input.reason)) errors.push({ field: 'reason', message: 'Enter the reason for the decision' })
      if (!['awaiting_decision', 'awaiting_information'].includes(request.status))
        errors.push({ field: 'outcome', message: 'A decision has already been made on this request' })
      const route = outcome?.route
      if (route === 'signpost' && blank(input.signpostTo))
        errors.push({ field: 'signpostTo', message: 'Enter the service the family is signposted to' })
      if (route && ['panel', 'allocate', 'social_care'].includes(route) && !request.family_id)
        errors.push({
          field: 'outcome',
          message:
            'Link the request to the family’s records first: a decision to refer or allocate is recorded on the family',
        })
      // Issue 7: "A safeguarding concern without consent can still go to social care; otherwise no consent, no early help step."
      if (route && EARLY_HELP_ROUTES.has(route) && request.consent !== 'given')
        errors.push({
          field: 'outcome',
          message: request.safeguarding_concern
            ? 'The family has not consented to early help. Early help needs their consent; with a safeguarding concern, refer to children’s social care instead'
            : 'The family has not consented to early help and there is no safeguarding concern, so this request cannot go to early help. Record their consent first, or close it with advice or signposting',
        })
      if (route === 'social_care' && request.consent !== 'given' && !request.safeguarding_concern)
        errors.push({
          field: 'outcome',
          message: 'A referral to children’s social care without the family’s consent needs a safeguarding concern',
        })
      let panelAreaId: string | null = null
      if (route === 'panel') {
        panelAreaId = input.areaId ?? request.area_id ?? request.family_area_id
        if (!panelAreaId || !(await findArea(db, authorityId, panelAreaId)))
          errors.push({
            field: 'areaId',
            message: `Select the ${model.areas.singular} whose ${model.vocabulary.panel} will consider it`,
          })
      }
      let team: Awaited<ReturnType<typeof findTeam>>
      if (route === 'allocate') {
        team = input.teamId ? await findTeam(db, authorityId, input.teamId) : undefined
        if (!team) errors.push({ field: 'teamId', message: 'Select the team that will work with the family' })
        // Any of the model's levels: Derby's early help also works level 3 cases (001 §2).
        if (!model.levelsOfNeed.some(level => level.code === input.levelOfNeed))
          errors.push({ field: 'levelOfNeed', message: 'Select the level of need' })
      }
      if (errors.length > 0) throw new ValidationError(errors)
      const status: RequestStatus = {
        closed: 'closed',
        signpost: 'closed',
        social_care: 'closed',
        more_information: 'awaiting_information',
        panel: 'at_panel',
        allocate: 'episode_opened',
      }[route!] as RequestStatus
      const decidedOn = today()
      await access.transaction(async trx => {
        const fresh = await load(ctx, requestId, 'request:decide', trx)
        if (fresh.request.version !== version) throw new ConflictError()
        await insertFrontDoorDecision(trx, {
          authorityId,
          requestId,
          outcome: outcome!.code,
          route: route!,
          reason: input.reason.trim(),
          signpostTo: route === 'signpost' ? trimmed(input.signpostTo) : null,
          decidedOn,
          workingDaysToDecision: workingDaysBetween(request.received_on, decidedOn),
          by: ctx.actor.userId,
          at: clock.now(),
        })
        const updated = await updateRequest(trx, {
          authorityId,
          requestId,
          version,
          status,
          ...(panelAreaId ? { areaId: panelAreaId } : {}),
          at: clock.now(),
        })
        if (!updated) throw new ConflictError()
        const subjects = await subjectsOf(trx, authorityId, requestId)
        const personIds = subjects.flatMap(subject => (subject.person_id ? [subject.person_id] : []))
        if (request.family_id) {
          await chronology.recordEvent(trx, ctx, {
            familyId: request.family_id,
            personIds,
            occurredOn: decidedOn,
            category: 'Early help',
            summary: `${model.frontDoor.name} decision: ${outcome!.label}`,
            detail: input.reason.trim(),
            event: chronologyEvents.frontDoorDecision,
          })
        }
        if (route === 'social_care') {
          await referToSocialCare(
            trx,
            ctx,
            request.family_id!,
            requestId,
            personIds,
            input.reason.trim(),
            trimmed(input.socialCareTeam),
          )
        }
        if (route === 'allocate') {
          await episodes.open(trx, ctx, {
            familyId: request.family_id!,
            teamId: team!.team_id,
            leadProfessionalUserId: null,
            service: outcome!.service ?? null,
            levelOfNeed: input.levelOfNeed!,
            requestId,
            childIds: subjects.filter(isChild).flatMap(subject => (subject.person_id ? [subject.person_id] : [])),
            openedOn: decidedOn,
            summary: `Early help episode opened by the ${model.frontDoor.name}: ${outcome!.label}`,
          })
        }
        await accessLog.record(ctx, 'update', 'request', [requestId], trx)
      })
      return { status, statusLabel: statusLabel(model, status) }
    },

    /**
     * The front door's queue: requests waiting for a decision, oldest first, with their age in working
     * days and whether they are past the model's "never do nothing" limit.
     */
    async queue(ctx: RequestContext, filters: { areaId: string | null; urgency: Urgency | null }) {
      authorize(ctx.actor, 'frontDoor:queue')
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const areaId = ctx.actor.role === 'head_of_service' && ctx.actor.areaId ? ctx.actor.areaId : filters.areaId
      const rows = await openRequests(db, authorityId, { areaId, urgency: filters.urgency })
      const limit = model.frontDoor.undecidedAfter.value
      const requests = rows.map(row => {
        const age = workingDaysBetween(row.received_on, today())
        return { ...row, age, overdue: age > limit }
      })
      return {
        requests,
        limit,
        overdue: requests.filter(request => request.overdue).length,
        areas: await listAreas(db, authorityId),
        model,
        labels: labelsOf(model),
      }
    },

    /** The requests the user made or entered, with where each stands: what a partner sees of the outcome. */
    async mine(ctx: RequestContext) {
      authorize(ctx.actor, 'requests:create')
      const { model } = await practiceModels.get(ctx.actor.authorityId)
      const rows = await requestsBy(db, ctx.actor.authorityId, ctx.actor.userId)
      return { requests: rows.map(row => ({ ...row, statusLabel: statusLabel(model, row.status) })), model }
    },

    /** A family's requests, referrals to social care and episodes, for its page. */
    async ofFamily(ctx: RequestContext, familyId: string) {
      const authorityId = ctx.actor.authorityId
      await access.family(ctx, familyId, 'family:read')
      const [requests, referrals, familyEpisodes, { model }] = await Promise.all([
        requestsOfFamily(db, authorityId, familyId),
        socialCareReferralsOf(db, authorityId, familyId),
        episodes.ofFamily(authorityId, familyId),
        practiceModels.get(authorityId),
      ])
      return {
        requests: requests.map(request => ({ ...request, statusLabel: statusLabel(model, request.status) })),
        referrals,
        episodes: familyEpisodes,
        labels: labelsOf(model),
        words: model.vocabulary,
        canRequest: can(ctx.actor, 'requests:create') && ctx.actor.role !== 'partner',
      }
    },

    /** The front door's figures for a period, for the performance framework: kept as data, not worked out in pages. */
    async figures(ctx: RequestContext, period: { from: string | null; to: string | null }) {
      authorize(ctx.actor, 'frontDoor:figures')
      // By default, the year so far.
      const to = period.to ?? today()
      const from = period.from ?? `${to.slice(0, 4)}-01-01`
      const authorityId = ctx.actor.authorityId
      const { model } = await practiceModels.get(authorityId)
      const counts = await frontDoorCounts(db, authorityId, from, to)
      const byOutcome = model.frontDoor.outcomes.map(outcome => ({
        code: outcome.code,
        label: outcome.label,
        count: counts.decisions.filter(row => row.outcome === outcome.code).reduce((sum, row) => sum + row.n, 0),
      }))
      const all = counts.decisions.reduce((sum, row) => sum + row.n, 0)
      const days = counts.decisions.reduce((sum, row) => sum + row.days, 0)
      const decided = counts.decisions
        .filter(row => row.route !== 'more_information')
        .reduce((sum, row) => sum + row.n, 0)
      const byPanelDecision = model.panel.decisions.map(decision => ({
        code: decision.code,
        label: decision.label,
        count: counts.panelDecisions.find(row => row.decision === decision.code)?.n ?? 0,
      }))
      return {
        from,
        to,
        received: counts.received,
        decided,
        byOutcome,
        byPanelDecision,
        averageWorkingDaysToDecision: all ? days / all : null,
        medianWorkingDaysToDecision: counts.medianWorkingDaysToDecision,
        episodesOpened: counts.episodes,
        conversionToEpisodes: counts.received ? counts.episodes / counts.received : null,
      }
    },

    referToSocialCare,
  }

  async function recordReceipt(
    trx: Executor,
    ctx: RequestContext,
    model: PracticeModel,
    familyId: string,
    subjects: { personId: string | null }[],
    asker: { requesterName: string; requesterAgency: string },
    request: { receivedOn: string | null; worries: string },
  ) {
    await chronology.recordEvent(trx, ctx, {
      familyId,
      personIds: subjects.flatMap(subject => (subject.personId ? [subject.personId] : [])),
      occurredOn: request.receivedOn ?? today(),
      category: 'Early help',
      summary: `${capitalise(model.vocabulary.requestForSupport)} from ${asker.requesterName} (${asker.requesterAgency})`,
      detail: request.worries,
      event: chronologyEvents.requestReceived,
    })
  }

  /** Step up: an outbound referral to children's social care, shown on the family's record. */
  async function referToSocialCare(
    trx: Executor,
    ctx: RequestContext,
    familyId: string,
    requestId: string | null,
    personIds: string[],
    reason: string,
    socialCareTeam: string | null,
  ) {
    await insertSocialCareReferral(trx, {
      authorityId: ctx.actor.authorityId,
      familyId,
      requestId,
      referredOn: today(),
      reason,
      socialCareTeam,
      by: ctx.actor.userId,
      at: clock.now(),
    })
    await chronology.recordEvent(trx, ctx, {
      familyId,
      personIds,
      occurredOn: today(),
      category: 'Social care',
      summary: 'Referred to children’s social care',
      detail: reason,
      event: chronologyEvents.referredToSocialCare,
    })
  }
}

const isChild = (subject: { member_role: string }) =>
  subject.member_role === 'child' || subject.member_role === 'unborn child'

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function blankDetails(): PersonDetails {
  return {
    givenName: '',
    familyName: '',
    dateOfBirth: null,
    expectedDate: null,
    gender: '0',
    ethnicity: null,
    firstLanguage: null,
    interpreterNeeded: false,
    disability: 'not known',
    senProvision: null,
    upn: null,
    nhsNumber: null,
    youngCarer: false,
    privatelyFostered: false,
    noRecourseToPublicFunds: false,
    socialCareStatus: 'none',
  }
}

/** The model's labels by code, for pages that show codes a record holds. */
export function labelsOf(model: PracticeModel) {
  const byCode = (items: { code: string; label: string }[]) =>
    Object.fromEntries(items.map(item => [item.code, item.label])) as Record<string, string>
  return {
    concerns: byCode(model.concernCategories),
    tools: byCode(model.wayIn.tools),
    outcomes: byCode(model.frontDoor.outcomes),
    decisions: byCode(model.panel.decisions),
    levels: byCode(model.levelsOfNeed),
    services: byCode(model.services),
  }
}

/** Where a request stands, in the model's words: what the partner who asked is told. */
export function statusLabel(model: PracticeModel, status: RequestStatus): string {
  switch (status) {
    case 'awaiting_decision':
      return `With the ${model.vocabulary.frontDoor}`
    case 'awaiting_information':
      return 'More information requested'
    case 'at_panel':
      return `For the ${model.vocabulary.panel}`
    case 'closed':
      return 'Decided'
    case 'episode_opened':
      return 'Early help offered'
  }
}

/** The decision that stands on a request, in the model's words. */
function outcomeOf(
  model: PracticeModel,
  status: RequestStatus,
  frontDoor: { outcome: string; signpost_to: string | null; decided_on: string } | undefined,
  panel: { decision: string; meets_on: string; signpost_to: string | null } | undefined,
) {
  if (
    panel &&
    (status === 'closed' || status === 'episode_opened' || !frontDoor || panel.meets_on >= frontDoor.decided_on)
  ) {
    const decision = model.panel.decisions.find(candidate => candidate.code === panel.decision)
    return {
      by: model.panel.name,
      label: decision?.label ?? panel.decision,
      on: panel.meets_on,
      signpostTo: panel.signpost_to,
    }
  }
  if (frontDoor) {
    const outcome = model.frontDoor.outcomes.find(candidate => candidate.code === frontDoor.outcome)
    return {
      by: model.frontDoor.name,
      label: outcome?.label ?? frontDoor.outcome,
      on: frontDoor.decided_on,
      signpostTo: frontDoor.signpost_to,
    }
  }
  return null
}
