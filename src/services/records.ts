import type { Executor } from '../data/database.js'
import {
  addressesOf,
  endMembership,
  insertCurrentAddress,
  insertMember,
  insertPersonDetails,
  insertPersonMerge,
  insertPersonName,
  markMerged,
  membersOf,
  mergesInto,
  otherNamesOf,
  possibleDuplicates,
  relationshipsAmong,
  repointPerson,
  searchPeople,
  setSearchName,
  updatePersonDetails,
  upsertRelationship,
  type PersonDetails,
  type RelationshipDetails,
} from '../data/people.js'
import { countFamilies, familiesPerArea, insertFamily, listFamilies, updateFamilyDetails } from '../data/records.js'
import { insertRestriction, liftRestriction, restrictionOf } from '../data/restrictions.js'
import type { FamilyMemberRole } from '../data/schema.js'
import { findTeam, listUsers } from '../data/staff.js'
import { ageOn, formatDate, todayIn } from '../lib/dates.js'
import { ConflictError, ForbiddenError, ValidationError, type FieldError } from '../lib/errors.js'
import { normaliseName, sameGivenName } from '../lib/names.js'
import { authorize, can, familyAbilities, personAbilities, scopes } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import { chronologyEvents, type createChronologyService } from './chronology.js'
import type { RequestContext, ServiceDeps } from './context.js'
import { renderGenogram, type GenogramRelationship } from './genogram.js'
import { checkAddress, checkPersonDetails, type AddressInput, type PersonInput } from './personDetails.js'
import type { RecordAccess } from './recordAccess.js'

/** The choices the person and relationship forms offer, for pages and the API to validate against. */
export { disabilityAnswers, familyMemberRoles, relationshipTypes } from '../data/schema.js'

export interface Membership {
  role: FamilyMemberRole
  livesInHousehold: boolean
  joinedOn: string | null
}

export interface FamilyInput {
  name: string
  address: AddressInput | null
}

const fullName = (person: { given_name: string; family_name: string }) => `${person.given_name} ${person.family_name}`

/** People and families: every read and change is authorised by the policy and written to the access log. */
export function createRecordsService(
  { database, clock }: ServiceDeps,
  accessLog: ReturnType<typeof createAccessLogService>,
  access: RecordAccess,
  chronology: ReturnType<typeof createChronologyService>,
) {
  const { db } = database
  const today = () => todayIn(clock.now())

  /** The lower-case names a person is found by: their name now and every other name recorded. */
  async function refreshSearchName(ex: Executor, authorityId: string, personId: string, details: PersonDetails) {
    const others = await otherNamesOf(ex, authorityId, [personId])
    const names = [fullName({ given_name: details.givenName, family_name: details.familyName })].concat(
      others.map(fullName),
    )
    await setSearchName(ex, authorityId, personId, normaliseName(names.join(' ')))
  }

  function describePerson(person: { date_of_birth: string | null; expected_date: string | null }) {
    if (person.expected_date) return `unborn, due ${formatDate(person.expected_date)}`
    const age = ageOn(person.date_of_birth, clock.now())
    return age === undefined ? null : `age ${age}`
  }

  function genogramOf(
    familyName: string,
    members: Awaited<ReturnType<typeof membersOf>>,
    relationships: Awaited<ReturnType<typeof relationshipsAmong>>,
  ) {
    const current = members.filter(member => member.left_on === null)
    const ids = new Set(current.map(member => member.person_id))
    return renderGenogram({
      title: `Genogram of the ${familyName} family`,
      idPrefix: 'genogram',
      people: current.map(member => ({
        id: member.person_id,
        name: fullName(member),
        sex: member.gender === '1' ? 'male' : member.gender === '2' ? 'female' : 'unknown',
        detail: describePerson(member),
        unborn: member.expected_date !== null,
        inHousehold: member.lives_in_household,
        emphasis: member.role === 'child' || member.role === 'unborn child',
      })),
      relationships: relationships
        .filter(row => ids.has(row.person_id) && ids.has(row.related_person_id))
        .map((row): GenogramRelationship => ({
          fromId: row.person_id,
          toId: row.related_person_id,
          type: row.type,
          livesWith: row.lives_with,
          parentalResponsibility: row.parental_responsibility,
        })),
    })
  }

  return {
    /** Refuses (403 or, for a restricted record, 404; logged) unless the user may take the action on the family. */
    async authorizeFamily(ctx: RequestContext, familyId: string, action: 'family:update' | 'family:restrict') {
      await access.family(ctx, familyId, action)
    },

    /** Refuses (logged) unless the user may take the action on the person. */
    async authorizePerson(
      ctx: RequestContext,
      personId: string,
      action: 'person:update' | 'person:restrict' | 'person:merge',
    ) {
      if (action === 'person:merge') {
        if (!can(ctx.actor, 'people:merge')) {
          await accessLog.recordRefusal(ctx, 'person', personId)
          throw new ForbiddenError()
        }
        await access.person(ctx, personId, 'person:update')
      } else {
        await access.person(ctx, personId, action)
      }
    },

    /** One family with its members, relationships, genogram and restriction, for its page; logged as a view. */
    async getFamily(ctx: RequestContext, familyId: string) {
      const authorityId = ctx.actor.authorityId
      const { family, resource } = await access.family(ctx, familyId, 'family:read')
      const members = await membersOf(db, authorityId, familyId)
      const relationships = await relationshipsAmong(
        db,
        authorityId,
        members.map(member => member.person_id),
      )
      const byId = new Map(members.map(member => [member.person_id, member]))
      const abilities = familyAbilities(ctx.actor, resource)
      await accessLog.record(ctx, 'view', 'family', [familyId])
      return {
        family,
        members,
        relationships: relationships
          .filter(row => byId.has(row.person_id) && byId.has(row.related_person_id))
          .map(row => ({ ...row, person: byId.get(row.person_id)!, related: byId.get(row.related_person_id)! })),
        genogram: genogramOf(family.name, members, relationships),
        restriction: abilities.restrict ? await restrictionOf(db, authorityId, 'family', familyId) : undefined,
        abilities,
      }
    },

    /** Starts a family record: a practitioner's or manager's family belongs to their team and its area. */
    async createFamily(ctx: RequestContext, input: FamilyInput) {
      authorize(ctx.actor, 'families:create')
      const address = input.address ? checkAddress(input.address) : null
      const authorityId = ctx.actor.authorityId
      const team = ctx.actor.teamId ? await findTeam(db, authorityId, ctx.actor.teamId) : undefined
      const worksInTeam = ctx.actor.role === 'practitioner' || ctx.actor.role === 'team_manager'
      return access.transaction(async trx => {
        const familyId = await insertFamily(trx, {
          authorityId,
          name: input.name,
          teamId: worksInTeam ? (team?.team_id ?? null) : null,
          areaId: team?.area_id ?? ctx.actor.areaId,
          address,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [],
          occurredOn: today(),
          category: 'Early help',
          summary: 'Family record created',
          event: chronologyEvents.familyCreated,
        })
        await accessLog.record(ctx, 'create', 'family', [familyId], trx)
        return familyId
      })
    },

    /** Changes a family's name and address if no one else has since. */
    async updateFamily(ctx: RequestContext, familyId: string, version: number, input: FamilyInput) {
      const address = input.address ? checkAddress(input.address) : null
      await access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const changed = await updateFamilyDetails(trx, {
          authorityId: ctx.actor.authorityId,
          familyId,
          version,
          name: input.name,
          address,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        if (!changed) throw new ConflictError()
        await accessLog.record(ctx, 'update', 'family', [familyId], trx)
      })
    },

    /**
     * People already known who may be the person about to be created: the same identifier, or a name
     * that matches (typos, nicknames, first and last swapped) with the same date of birth or postcode.
     * Only people the user may see are described; the others are counted.
     */
    async findDuplicates(ctx: RequestContext, details: PersonDetails, postcode: string | null) {
      const authorityId = ctx.actor.authorityId
      const searchName = normaliseName(`${details.givenName} ${details.familyName}`)
      const rows = await possibleDuplicates(db, authorityId, {
        givenName: details.givenName,
        familyName: details.familyName,
        searchName,
        dateOfBirth: details.dateOfBirth,
        postcode,
        nhsNumber: details.nhsNumber,
        upn: details.upn,
      })
      const matches = rows
        .map(row => {
          const reasons: string[] = []
          if (details.nhsNumber && row.nhs_number === details.nhsNumber) reasons.push('Same NHS number')
          if (details.upn && row.upn === details.upn) reasons.push('Same UPN')
          const givenMatches = row.given_sounds_alike || sameGivenName(row.given_name, details.givenName)
          const nameMatches =
            (givenMatches && row.family_sounds_alike) || row.swapped_sounds_alike || row.name_similarity >= 0.6
          if (nameMatches) {
            reasons.push(
              normaliseName(fullName(row)) === searchName
                ? 'Same name'
                : row.swapped_sounds_alike && !(givenMatches && row.family_sounds_alike)
                  ? 'Same name with first and last names swapped'
                  : 'Similar name',
            )
          }
          const sameBirth = details.dateOfBirth !== null && row.date_of_birth === details.dateOfBirth
          const samePostcode = postcode !== null && row.postcodes.includes(postcode)
          if (sameBirth) reasons.push('Same date of birth')
          if (samePostcode) reasons.push('Same postcode')
          const identifier = reasons[0] === 'Same NHS number' || reasons[0] === 'Same UPN'
          const likely =
            identifier ||
            (nameMatches &&
              (sameBirth || samePostcode || details.dateOfBirth === null || row.date_of_birth === null)) ||
            (sameBirth && samePostcode && (givenMatches || row.family_sounds_alike))
          const score =
            (identifier ? 100 : 0) +
            (nameMatches ? 40 : 0) +
            (sameBirth ? 30 : 0) +
            (samePostcode ? 20 : 0) +
            row.name_similarity
          return { row, reasons, likely, score }
        })
        .filter(match => match.likely)
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
      const described = []
      for (const match of matches) {
        const { resource } = await access.personResource(authorityId, match.row.person_id)
        const visible = can(ctx.actor, 'person:read', resource)
        described.push({
          visible,
          reasons: match.reasons,
          ...(visible
            ? {
                personId: match.row.person_id,
                name: fullName(match.row),
                dateOfBirth: match.row.date_of_birth,
                expectedDate: match.row.expected_date,
                postcode: match.row.postcode,
              }
            : {}),
        })
      }
      return described
    },

    /**
     * Adds a new person to a family. The duplicate check runs first: unless the user has seen the
     * possible duplicates and chosen to go on, they are returned and nothing is saved.
     */
    async createPersonInFamily(
      ctx: RequestContext,
      familyId: string,
      input: { person: PersonInput; membership: Membership; address: AddressInput | null },
      options: { duplicatesSeen: boolean },
    ) {
      const authorityId = ctx.actor.authorityId
      const { family: household } = await access.family(ctx, familyId, 'family:update')
      const problems: FieldError[] = []
      const checked = <T>(check: () => T): T | undefined => {
        try {
          return check()
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error
          problems.push(...error.errors)
          return undefined
        }
      }
      const details = checked(() => checkPersonDetails(input.person, today()))
      const address = input.address ? (checked(() => checkAddress(input.address!)) ?? null) : null
      if (details) checked(() => checkMembership(input.membership, details, today()))
      if (!details || problems.length > 0) throw new ValidationError(problems)
      if (!options.duplicatesSeen) {
        // The postcode they will live at: their own, or the household's when they live in it.
        const postcode = address?.postcode ?? (input.membership.livesInHousehold ? household.postcode : null)
        const duplicates = await this.findDuplicates(ctx, details, postcode)
        if (duplicates.length > 0) return { duplicates }
      }
      const personId = await access.transaction(async trx => {
        const { family } = await access.family(ctx, familyId, 'family:update', trx)
        const personId = await insertPersonDetails(trx, {
          authorityId,
          details,
          searchName: normaliseName(`${details.givenName} ${details.familyName}`),
          by: ctx.actor.userId,
          at: clock.now(),
        }).catch(rethrowIdentifierTaken)
        await insertMember(trx, { authorityId, familyId, personId, ...input.membership })
        const home =
          address ??
          (input.membership.livesInHousehold && family.address_line1 && family.postcode
            ? { line1: family.address_line1, line2: family.address_line2, town: family.town, postcode: family.postcode }
            : null)
        if (home) {
          await insertCurrentAddress(trx, {
            authorityId,
            personId,
            address: home,
            movedIn: null,
            by: ctx.actor.userId,
            at: clock.now(),
          })
        }
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [personId],
          occurredOn: input.membership.joinedOn ?? today(),
          category: 'Family life',
          summary: `${details.givenName} ${details.familyName} added to the family as ${input.membership.role}`,
          event: chronologyEvents.joinedFamily,
        })
        await accessLog.record(ctx, 'create', 'person', [personId], trx)
        return personId
      })
      return { personId }
    },

    /** Adds someone already known (picked from the duplicate check or a search) to a family. */
    async addExistingPersonToFamily(ctx: RequestContext, familyId: string, personId: string, membership: Membership) {
      const authorityId = ctx.actor.authorityId
      await access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const { person, memberships } = await access.person(ctx, personId, 'person:read', trx)
        if (memberships.some(m => m.family_id === familyId && m.left_on === null)) {
          throw new ValidationError([{ field: 'personId', message: `${fullName(person)} is already in this family` }])
        }
        checkMembership(membership, { expectedDate: person.expected_date }, today())
        await insertMember(trx, { authorityId, familyId, personId, ...membership })
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [personId],
          occurredOn: membership.joinedOn ?? today(),
          category: 'Family life',
          summary: `${fullName(person)} added to the family as ${membership.role}`,
          event: chronologyEvents.joinedFamily,
        })
        await accessLog.record(ctx, 'update', 'family', [familyId], trx)
      })
    },

    /** Records that a member left the family (a child moving to the other parent): the history stays. */
    async endMembership(ctx: RequestContext, familyId: string, personId: string, leftOn: string) {
      if (leftOn > today())
        throw new ValidationError([{ field: 'leftOn', message: 'The date must be today or in the past' }])
      await access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const person = await access.person(ctx, personId, 'person:read', trx).then(found => found.person)
        const ended = await endMembership(trx, { authorityId: ctx.actor.authorityId, familyId, personId, leftOn })
        if (!ended) {
          throw new ValidationError([
            {
              field: 'leftOn',
              message: 'The date must be on or after the day they joined, and they must be a current member',
            },
          ])
        }
        await chronology.recordEvent(trx, ctx, {
          familyId,
          personIds: [personId],
          occurredOn: leftOn,
          category: 'Family life',
          summary: `${fullName(person)} left the family`,
          event: chronologyEvents.leftFamily,
        })
        await accessLog.record(ctx, 'update', 'family', [familyId], trx)
      })
    },

    /** One person with names, addresses, families, relationships and merges, for their page; logged as a view. */
    async getPerson(ctx: RequestContext, personId: string) {
      const authorityId = ctx.actor.authorityId
      const { person, resource, memberships } = await access.person(ctx, personId, 'person:read')
      const familyResources = await access.familyResources(authorityId, memberships)
      const families = memberships.filter((_, index) => can(ctx.actor, 'family:read', familyResources[index]!))
      const [otherNames, addresses, relationships, merges] = await Promise.all([
        otherNamesOf(db, authorityId, [personId]),
        addressesOf(db, authorityId, personId),
        relationshipsAmong(db, authorityId, [personId]),
        mergesInto(db, authorityId, personId),
      ])
      // Only relationships with people the user may see: a restricted relative, or one in another team's
      // family, is not named here.
      const relatedIds = [
        ...new Set(relationships.map(row => (row.person_id === personId ? row.related_person_id : row.person_id))),
      ]
      const visibleIds: string[] = []
      for (const relatedId of relatedIds) {
        const { resource: relatedResource } = await access.personResource(authorityId, relatedId)
        if (can(ctx.actor, 'person:read', relatedResource)) visibleIds.push(relatedId)
      }
      const related = visibleIds.length
        ? await db
            .selectFrom('person')
            .select(['person_id', 'given_name', 'family_name'])
            .where('authority_id', '=', authorityId)
            .where('person_id', 'in', visibleIds)
            .execute()
        : []
      const relatedById = new Map(related.map(row => [row.person_id, row]))
      const abilities = personAbilities(ctx.actor, resource)
      await accessLog.record(ctx, 'view', 'person', [personId])
      return {
        person,
        otherNames,
        addresses,
        families,
        relationships: relationships.flatMap(row => {
          const other = relatedById.get(row.person_id === personId ? row.related_person_id : row.person_id)
          return other ? [{ ...row, other, outward: row.person_id === personId }] : []
        }),
        merges,
        restriction: abilities.restrict ? await restrictionOf(db, authorityId, 'person', personId) : undefined,
        abilities,
      }
    },

    /** Saves a person's details if no one else has since `version` (no lost update). */
    async updatePerson(ctx: RequestContext, personId: string, version: number, input: PersonInput) {
      const details = checkPersonDetails(input, today())
      const authorityId = ctx.actor.authorityId
      await access.transaction(async trx => {
        await access.person(ctx, personId, 'person:update', trx)
        const changed = await updatePersonDetails(trx, {
          authorityId,
          personId,
          version,
          details,
          by: ctx.actor.userId,
          at: clock.now(),
        }).catch(rethrowIdentifierTaken)
        if (!changed) throw new ConflictError()
        await refreshSearchName(trx, authorityId, personId, details)
        await accessLog.record(ctx, 'update', 'person', [personId], trx)
      })
    },

    /** A new current address; the previous one ends the day they moved in. */
    async addAddress(ctx: RequestContext, personId: string, input: AddressInput, movedIn: string | null) {
      const address = checkAddress(input)
      if (movedIn && movedIn > today()) {
        throw new ValidationError([
          { field: 'movedIn', message: 'The date they moved in must be today or in the past' },
        ])
      }
      await access.transaction(async trx => {
        const { person, memberships } = await access.person(ctx, personId, 'person:update', trx)
        await insertCurrentAddress(trx, {
          authorityId: ctx.actor.authorityId,
          personId,
          address,
          movedIn,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        const current = memberships.find(m => m.left_on === null)
        await chronology.recordEvent(trx, ctx, {
          familyId: current?.family_id ?? null,
          personIds: [personId],
          occurredOn: movedIn ?? today(),
          category: 'Housing',
          summary: `${fullName(person)} moved to ${address.line1}, ${address.postcode}`,
          event: chronologyEvents.movedAddress,
        })
        await accessLog.record(ctx, 'update', 'person', [personId], trx)
      })
    },

    /** A previous name or a name the person is known by; search finds them by it. */
    async addName(
      ctx: RequestContext,
      personId: string,
      name: { kind: 'known as' | 'previous'; givenName: string; familyName: string },
    ) {
      const authorityId = ctx.actor.authorityId
      await access.transaction(async trx => {
        const { person } = await access.person(ctx, personId, 'person:update', trx)
        await insertPersonName(trx, { authorityId, personId, ...name, by: ctx.actor.userId, at: clock.now() })
        await refreshSearchName(trx, authorityId, personId, {
          givenName: person.given_name,
          familyName: person.family_name,
        } as PersonDetails)
        await accessLog.record(ctx, 'update', 'person', [personId], trx)
      })
    },

    /** Records how two members of a family are related; recording the pair again changes it. */
    async recordRelationship(ctx: RequestContext, familyId: string, relationship: RelationshipDetails) {
      const authorityId = ctx.actor.authorityId
      if (relationship.personId === relationship.relatedPersonId) {
        throw new ValidationError([{ field: 'relatedPersonId', message: 'Select two different people' }])
      }
      return access.transaction(async trx => {
        await access.family(ctx, familyId, 'family:update', trx)
        const members = new Set((await membersOf(trx, authorityId, familyId)).map(member => member.person_id))
        if (!members.has(relationship.personId)) {
          throw new ValidationError([{ field: 'personId', message: 'Select a member of this family' }])
        }
        if (!members.has(relationship.relatedPersonId)) {
          throw new ValidationError([{ field: 'relatedPersonId', message: 'Select a member of this family' }])
        }
        // One row per pair: recording B→A replaces A→B, so a pair never holds two contradicting rows.
        const reverse = await trx
          .selectFrom('relationship')
          .select('relationship_id')
          .where('authority_id', '=', authorityId)
          .where('person_id', '=', relationship.relatedPersonId)
          .where('related_person_id', '=', relationship.personId)
          .executeTakeFirst()
        if (reverse) {
          await trx
            .deleteFrom('relationship')
            .where('authority_id', '=', authorityId)
            .where('relationship_id', '=', reverse.relationship_id)
            .execute()
        }
        const relationshipId = await upsertRelationship(trx, {
          authorityId,
          relationship,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await accessLog.record(ctx, 'update', 'relationship', [relationshipId], trx)
        return relationshipId
      })
    },

    /** People and families the user may see, by name (fuzzy), date of birth, NHS number, UPN or postcode. */
    async search(
      ctx: RequestContext,
      criteria: {
        name?: string | undefined
        dateOfBirth?: string | undefined
        nhsNumber?: string | undefined
        upn?: string | undefined
        postcode?: string | undefined
      },
      page: { page: number; pageSize: number },
    ) {
      authorize(ctx.actor, 'records:search')
      const name = criteria.name ? normaliseName(criteria.name) : undefined
      const rows = await searchPeople(
        db,
        ctx.actor.authorityId,
        scopes.visiblePeople(ctx.actor),
        { ...criteria, name },
        { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
      )
      await accessLog.record(ctx, 'search', 'person', [null])
      // Past the last page there is no row to carry the total: ask for the first one.
      const total =
        rows[0]?.total ??
        (page.page > 1
          ? ((
              await searchPeople(
                db,
                ctx.actor.authorityId,
                scopes.visiblePeople(ctx.actor),
                { ...criteria, name },
                { limit: 1, offset: 0 },
              )
            )[0]?.total ?? 0)
          : 0)
      return { rows, total }
    },

    /**
     * Makes two records of one person one: the kept record takes the other's families, relationships,
     * addresses, names and chronology; the merged record stays, pointing at the kept one, with its
     * details as they were kept in the merge record.
     */
    async merge(ctx: RequestContext, keptId: string, mergedId: string, reason: string) {
      authorize(ctx.actor, 'people:merge')
      if (keptId === mergedId) throw new ValidationError([{ field: 'mergedId', message: 'Select a different person' }])
      const authorityId = ctx.actor.authorityId
      await access.transaction(async trx => {
        const kept = await access.person(ctx, keptId, 'person:update', trx)
        const merged = await access.person(ctx, mergedId, 'person:update', trx)
        if (merged.person.merged_into) {
          throw new ValidationError([{ field: 'mergedId', message: 'That record has already been merged' }])
        }
        await insertPersonMerge(trx, {
          authorityId,
          keptId,
          mergedId,
          reason,
          record: merged.person,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await markMerged(trx, { authorityId, mergedId, keptId, by: ctx.actor.userId, at: clock.now() })
        await repointPerson(trx, authorityId, mergedId, keptId)
        // The merged record's name stays findable as a previous name, and its identifiers fill gaps.
        if (fullName(merged.person) !== fullName(kept.person)) {
          await insertPersonName(trx, {
            authorityId,
            personId: keptId,
            kind: 'previous',
            givenName: merged.person.given_name,
            familyName: merged.person.family_name,
            by: ctx.actor.userId,
            at: clock.now(),
          })
        }
        await trx
          .updateTable('person')
          .set(eb => ({
            nhs_number: eb.fn.coalesce('nhs_number', eb.val(merged.person.nhs_number)),
            upn: eb.fn.coalesce('upn', eb.val(merged.person.upn)),
            date_of_birth: eb.fn.coalesce('date_of_birth', eb.val(merged.person.date_of_birth)),
            version: eb('version', '+', 1),
          }))
          .where('authority_id', '=', authorityId)
          .where('person_id', '=', keptId)
          .execute()
        await refreshSearchName(trx, authorityId, keptId, {
          givenName: kept.person.given_name,
          familyName: kept.person.family_name,
        } as PersonDetails)
        const family =
          kept.memberships.find(m => m.left_on === null) ?? merged.memberships.find(m => m.left_on === null)
        await chronology.recordEvent(trx, ctx, {
          familyId: family?.family_id ?? null,
          personIds: [keptId],
          occurredOn: today(),
          category: 'Other',
          summary: `Two records of ${fullName(kept.person)} merged: ${reason}`,
          event: chronologyEvents.recordsMerged,
        })
        await accessLog.record(ctx, 'merge', 'person', [keptId, mergedId], trx)
      })
    },

    /** Restricts a family or a person to the users named (the manager restricting it always among them). */
    async restrict(
      ctx: RequestContext,
      record: { type: 'family' | 'person'; id: string },
      input: { reason: string; userIds: string[] },
    ) {
      const authorityId = ctx.actor.authorityId
      const staff = new Set((await listUsers(db, authorityId)).filter(user => user.active).map(user => user.user_id))
      if (input.userIds.some(userId => !staff.has(userId))) {
        throw new ValidationError([{ field: 'userIds', message: 'Select users from the list' }])
      }
      await access.transaction(async trx => {
        if (record.type === 'family') await access.family(ctx, record.id, 'family:restrict', trx)
        else await access.person(ctx, record.id, 'person:restrict', trx)
        if (await restrictionOf(trx, authorityId, record.type, record.id)) {
          throw new ConflictError('This record is already restricted')
        }
        const restrictionId = await insertRestriction(trx, {
          authorityId,
          recordType: record.type,
          recordId: record.id,
          reason: input.reason,
          userIds: [ctx.actor.userId, ...input.userIds],
          by: ctx.actor.userId,
          at: clock.now(),
        })
        await accessLog.record(ctx, 'create', 'restriction', [restrictionId], trx, `${record.type} ${record.id}`)
      })
    },

    async liftRestriction(ctx: RequestContext, record: { type: 'family' | 'person'; id: string }) {
      await access.transaction(async trx => {
        if (record.type === 'family') await access.family(ctx, record.id, 'family:restrict', trx)
        else await access.person(ctx, record.id, 'person:restrict', trx)
        const lifted = await liftRestriction(trx, {
          authorityId: ctx.actor.authorityId,
          recordType: record.type,
          recordId: record.id,
          by: ctx.actor.userId,
          at: clock.now(),
        })
        if (!lifted) throw new ConflictError('This record is not restricted')
        await accessLog.record(ctx, 'update', 'restriction', [record.id], trx, `lifted on ${record.type}`)
      })
    },

    /** The families the policy lets the user see, a page at a time. */
    async listFamilies(ctx: RequestContext, page: { page: number; pageSize: number }) {
      authorize(ctx.actor, 'families:list')
      const scope = scopes.visibleFamilies(ctx.actor)
      const [rows, total] = await Promise.all([
        listFamilies(db, ctx.actor.authorityId, scope, {
          limit: page.pageSize,
          offset: (page.page - 1) * page.pageSize,
        }),
        countFamilies(db, ctx.actor.authorityId, scope),
      ])
      return { rows, total }
    },

    /** Families per area: counts, never names. */
    async familiesPerArea(ctx: RequestContext) {
      authorize(ctx.actor, 'aggregates:read')
      return familiesPerArea(db, ctx.actor.authorityId)
    },
  }
}

/** An unborn baby is the family's unborn child, and only an unborn baby is. */
function checkMembership(membership: Membership, person: { expectedDate: string | null }, today: string) {
  const unborn = person.expectedDate !== null
  if (unborn !== (membership.role === 'unborn child')) {
    throw new ValidationError([
      {
        field: 'role',
        message: unborn ? 'An unborn baby’s role is ‘unborn child’' : 'Only an unborn baby can be an ‘unborn child’',
      },
    ])
  }
  if (membership.joinedOn && membership.joinedOn > today) {
    throw new ValidationError([{ field: 'joinedOn', message: 'The date they joined must be today or in the past' }])
  }
}

/** Two people cannot hold one NHS number or UPN: the database says so, the user is told which. */
function rethrowIdentifierTaken(error: unknown): never {
  const constraint = (error as { constraint?: string }).constraint ?? String((error as Error).message)
  if (constraint.includes('person_nhs_number_key')) {
    throw new ValidationError([
      { field: 'nhsNumber', message: 'Another person already has this NHS number: search for them' },
    ])
  }
  if (constraint.includes('person_upn_key')) {
    throw new ValidationError([{ field: 'upn', message: 'Another person already has this UPN: search for them' }])
  }
  throw error
}
