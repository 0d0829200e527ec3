import {
  countFamilies,
  currentFamiliesOf,
  familiesPerArea,
  familyMembers,
  findFamily,
  findPerson,
  listFamilies,
  professionalsOf,
} from '../data/records.js'
import { ForbiddenError, NotFoundError } from '../lib/errors.js'
import { authorize, can, familyAbilities, personAbilities, scopes, type FamilyResource } from '../policies/index.js'
import type { createAccessLogService } from './accessLog.js'
import type { RequestContext, ServiceDeps } from './context.js'

/** People and families: every read is authorised by the policy and written to the access log. */
export function createRecordsService({ database }: ServiceDeps, accessLog: ReturnType<typeof createAccessLogService>) {
  const { db } = database

  /** A refusal is logged against the record, then reported as the same 403 whatever the reason. */
  async function refuse(ctx: RequestContext, recordType: 'family' | 'person', recordId: string): Promise<never> {
    await accessLog.recordRefusal(ctx, recordType, recordId)
    throw new ForbiddenError()
  }

  async function familyResources(
    authorityId: string,
    families: { family_id: string; team_id: string | null; area_id: string | null }[],
  ) {
    const professionals = await professionalsOf(
      db,
      authorityId,
      families.map(family => family.family_id),
    )
    return families.map((family): FamilyResource => ({
      authorityId,
      familyId: family.family_id,
      teamId: family.team_id,
      areaId: family.area_id,
      professionalUserIds: professionals.get(family.family_id) ?? [],
    }))
  }

  return {
    /** One family with its members, for its page; logged as a view. */
    async getFamily(ctx: RequestContext, familyId: string) {
      const authorityId = ctx.actor.authorityId
      const family = await findFamily(db, authorityId, familyId)
      if (!family) throw new NotFoundError()
      const [resource] = await familyResources(authorityId, [family])
      if (!resource || !can(ctx.actor, 'family:read', resource)) return refuse(ctx, 'family', familyId)
      const members = await familyMembers(db, authorityId, familyId)
      await accessLog.record(ctx, 'view', 'family', [familyId])
      return { family, members, abilities: familyAbilities(ctx.actor, resource) }
    },

    /** One person with their families, for their page; logged as a view. */
    async getPerson(ctx: RequestContext, personId: string) {
      const authorityId = ctx.actor.authorityId
      const person = await findPerson(db, authorityId, personId)
      if (!person) throw new NotFoundError()
      const families = await currentFamiliesOf(db, authorityId, personId)
      const resource = { authorityId, personId, families: await familyResources(authorityId, families) }
      if (!can(ctx.actor, 'person:read', resource)) return refuse(ctx, 'person', personId)
      await accessLog.record(ctx, 'view', 'person', [personId])
      const visibleFamilies = families.filter((_, index) => can(ctx.actor, 'family:read', resource.families[index]!))
      return { person, families: visibleFamilies, abilities: personAbilities(ctx.actor, resource) }
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
