import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { openDatabase } from '../data/database.js'
import { migrate } from '../data/migrate.js'
import { ValidationError } from '../lib/errors.js'
import { systemClock } from '../lib/clock.js'
import { createServices } from '../services/index.js'

/**
 * `npm run authority:create -- --slug kirklees --name "Kirklees Council" --preset leeds \
 *    --admin-email ada@kirklees.example --admin-name "Ada Lovelace"` with the administrator's first
 * password in ADMIN_PASSWORD. Sets up an authority from a preset; its administrator then adapts the
 * practice model in Tandem, without code.
 */
const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    preset: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
  },
})

const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrate(database)
  const services = createServices({ database, clock: systemClock, config })
  const { authorityId } = await services.authorities.createFromPreset({
    slug: values.slug ?? '',
    name: values.name ?? '',
    preset: values.preset ?? '',
    admin: {
      email: values['admin-email'] ?? '',
      displayName: values['admin-name'] ?? '',
      password: process.env.ADMIN_PASSWORD ?? '',
    },
  })
  console.log(
    `Set up ${values.name} (${authorityId}) from the ${values.preset} preset. Its administrator can now sign in.`,
  )
} catch (error) {
  if (!(error instanceof ValidationError)) throw error
  const flag = (field: string) =>
    field === 'adminPassword' ? 'ADMIN_PASSWORD' : `--${field.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`
  for (const problem of error.errors) console.error(`${flag(problem.field)}: ${problem.message}`)
  process.exitCode = 2
} finally {
  await database.close()
}
