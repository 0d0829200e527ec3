import { randomUUID } from 'node:crypto'
import type { Executor } from '../data/database.js'
import { emailInUse, insertArea, insertAuthority, insertUser, listAuthorities } from '../data/staff.js'
import { ValidationError, type FieldError } from '../lib/errors.js'
import { presets, type PresetName } from '../practice-models/presets/index.js'
import { normaliseEmail } from './auth.js'
import type { ServiceDeps } from './context.js'
import { hashPassword, passwordProblem } from './passwords.js'
import type { createPracticeModelService } from './practiceModels.js'

export interface NewAuthority {
  slug: string
  name: string
  preset: string
  admin: { email: string; displayName: string; password: string }
}

/**
 * Setting up an authority: its row, its practice model from a preset (adapted afterwards on the
 * practice model page, without code), the preset's areas, and a first administrator — one transaction.
 */
export function createAuthorityService(
  { database, clock }: ServiceDeps,
  practiceModels: ReturnType<typeof createPracticeModelService>,
) {
  const { db } = database

  /** The authority, its model and its areas; returns the new authority's id and area ids in the preset's order. */
  async function provision(ex: Executor, input: { slug: string; name: string; preset: PresetName }) {
    const authorityId = randomUUID()
    const model = presets[input.preset]
    await insertAuthority(ex, { authorityId, slug: input.slug, name: input.name })
    await practiceModels.setUp(ex, authorityId, { ...model, name: input.name }, null)
    const areaIds: string[] = []
    for (const name of model.areas.names) {
      areaIds.push((await insertArea(ex, authorityId, { name, kind: model.areas.kind })).area_id)
    }
    return { authorityId, areaIds }
  }

  return {
    provision,

    /** Sets up a new authority from a preset with its first administrator; field errors name what is wrong. */
    async createFromPreset(input: NewAuthority): Promise<{ authorityId: string }> {
      const problems: FieldError[] = []
      const slug = input.slug.trim().toLowerCase()
      if (!/^[a-z0-9][a-z0-9-]{1,40}$/.test(slug)) {
        problems.push({
          field: 'slug',
          message: 'The short name must be 2 to 41 lower-case letters, numbers or hyphens',
        })
      } else if ((await listAuthorities(db)).some(authority => authority.slug === slug)) {
        problems.push({ field: 'slug', message: `An authority with the short name ${slug} already exists` })
      }
      const name = input.name.trim()
      if (!name) problems.push({ field: 'name', message: 'Enter the authority’s name' })
      if (!(input.preset in presets)) {
        problems.push({ field: 'preset', message: `Choose a preset: ${Object.keys(presets).join(', ')}` })
      }
      const email = normaliseEmail(input.admin.email)
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        problems.push({
          field: 'adminEmail',
          message: 'Enter the administrator’s email address, like name@council.gov.uk',
        })
      } else if (await emailInUse(db, email)) {
        problems.push({ field: 'adminEmail', message: 'A user with this email address already exists' })
      }
      if (!input.admin.displayName.trim())
        problems.push({ field: 'adminName', message: 'Enter the administrator’s name' })
      const passwordIssue = passwordProblem(input.admin.password, { email })
      if (passwordIssue) problems.push({ field: 'adminPassword', message: passwordIssue })
      if (problems.length) throw new ValidationError(problems)

      const passwordHash = await hashPassword(input.admin.password)
      const now = clock.now()
      return db.transaction().execute(async trx => {
        const { authorityId } = await provision(trx, { slug, name, preset: input.preset as PresetName })
        await insertUser(trx, {
          authority_id: authorityId,
          email,
          display_name: input.admin.displayName.trim(),
          role: 'admin',
          team_id: null,
          area_id: null,
          agency: null,
          job_title: 'Administrator',
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        return { authorityId }
      })
    },
  }
}
