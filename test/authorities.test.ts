import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '../src/lib/errors.js'
import { Agent, signedIn } from './agent.js'
import { buildTestApp, demoEmail, type TestApp } from './app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const kirklees = {
  slug: 'kirklees',
  name: 'Kirklees Council',
  preset: 'leeds',
  admin: { email: 'Ada.Admin@Kirklees.example', displayName: 'Ada Admin', password: 'pebble-orchard-kettle' },
}

describe('a second authority set up from a preset and adapted, without code', () => {
  it('sets up Kirklees from the Leeds preset: its administrator signs in to a model of clusters, and changes it alone', async () => {
    const { authorityId } = await t.services.authorities.createFromPreset(kirklees)
    const model = await t.services.practiceModels.get(authorityId)
    expect(model.model.name).toBe('Kirklees Council')
    expect(model.model.preset).toBe('leeds')
    const areas = await t.testDatabase.database.db
      .selectFrom('area')
      .selectAll()
      .where('authority_id', '=', authorityId)
      .execute()
    expect(areas).toHaveLength(25)
    expect(areas.every(area => area.kind === 'cluster')).toBe(true)

    const admin = new Agent(t.app)
    expect((await admin.signIn('ada.admin@kirklees.example', 'pebble-orchard-kettle')).statusCode).toBe(303)
    const page = await admin.get('/admin/practice-model')
    expect(page.body).toContain('Kirklees Council – based on the Leeds preset')
    expect(page.body).toContain('Duty and Advice')

    const form = (await admin.get('/admin/practice-model/timescales')).body
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? ''
    const values = Object.fromEntries(
      [...form.matchAll(/name="(\w+)" type="text" spellcheck="false" value="(\d+)"/g)].map(match => [
        match[1]!,
        match[2]!,
      ]),
    )
    const saved = await admin.post('/admin/practice-model/timescales', { ...values, version, tafReviewInterval: '8' })
    expect(saved.statusCode).toBe(303)
    expect((await t.services.practiceModels.get(authorityId)).model.timescales.tafReviewInterval.value).toBe(8)

    // Leeds, whose preset Kirklees started from, is untouched; and neither sees the other's people.
    const leeds = await t.testDatabase.database.db
      .selectFrom('authority')
      .select('authority_id')
      .where('slug', '=', 'leeds')
      .executeTakeFirstOrThrow()
    expect((await t.services.practiceModels.get(leeds.authority_id)).model.timescales.tafReviewInterval.value).toBe(12)
    const leedsAdmin = await signedIn(t.app, demoEmail('admin', 'leeds'))
    expect((await leedsAdmin.get('/admin/users')).body).not.toContain('Ada Admin')
  })

  it('names each problem and sets up nothing', async () => {
    const before = await t.testDatabase.database.db.selectFrom('authority').select('slug').execute()
    const error = await t.services.authorities
      .createFromPreset({
        slug: 'derby',
        name: ' ',
        preset: 'wakefield',
        admin: { email: demoEmail('admin', 'durham'), displayName: '', password: 'password1234' },
      })
      .catch(caught => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect(
      Object.fromEntries((error as ValidationError).errors.map(problem => [problem.field, problem.message])),
    ).toEqual({
      slug: 'An authority with the short name derby already exists',
      name: 'Enter the authority’s name',
      preset: 'Choose a preset: derby, durham, leeds',
      adminEmail: 'A user with this email address already exists',
      adminName: 'Enter the administrator’s name',
      adminPassword: expect.stringContaining('Password is too'),
    })
    expect(await t.testDatabase.database.db.selectFrom('authority').select('slug').execute()).toEqual(before)
  })
})

describe('npm run authority:create', () => {
  it('sets up an authority on the embedded database, and explains bad input with exit code 2', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tandem-cli-'))
    const run = (args: string[], password: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/createAuthority.ts', ...args], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD: password },
      }).then(
        result => ({ code: 0, ...result }),
        (failure: { code: number; stdout: string; stderr: string }) => failure,
      )
    try {
      const args = [
        '--slug',
        'calderdale',
        '--name',
        'Calderdale Council',
        '--preset',
        'durham',
        '--admin-email',
        'it@calderdale.example',
        '--admin-name',
        'Cal Admin',
      ]
      const weak = await run(args, 'short')
      expect(weak.code).toBe(2)
      expect(weak.stderr).toContain('ADMIN_PASSWORD: Password must be 12 characters or more')
      const done = await run(args, 'lantern-meadow-ferry')
      expect(done.code).toBe(0)
      expect(done.stdout).toContain('Set up Calderdale Council')
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
