import { rmSync } from 'node:fs'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { openDatabase } from './data/database.js'
import { migrate } from './data/migrate.js'
import { systemClock } from './lib/clock.js'
import { cookieSecret } from './lib/secrets.js'
import { createServices } from './services/index.js'
import { DEMO_PASSWORD } from './services/demo.js'

/** Starts Tandem: migrate, seed the demo on an empty database, listen, and close with grace. */
async function main() {
  const config = loadConfig()
  const reset = process.argv.includes('--reset')
  if (reset) {
    if (config.databaseUrl) throw new Error('--reset only clears the embedded database; drop a real database yourself')
    rmSync(config.dataDir, { recursive: true, force: true })
    console.log(`Cleared ${config.dataDir}: starting afresh`)
  }

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleConnectionError: error => console.error(`A pooled database connection failed: ${error.message}`),
  })
  const applied = await migrate(database)
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)

  const clock = systemClock
  const services = createServices({ database, clock, config })
  if (config.seedDemo) {
    const seeded = await services.demo.seedIfEmpty(message => console.log(message))
    if (seeded.length) console.log('Seeded the demo: Derby, Durham and Leeds, with a user for every role in each.')
  }

  const app = await buildApp({ config, services, clock, secret: cookieSecret(config.sessionSecret, config.dataDir) })
  const purge = setInterval(
    () => services.sessions.purgeExpired().catch(error => app.log.error({ err: error }, 'session purge failed')),
    600_000,
  )
  purge.unref()

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    clearInterval(purge)
    await app.close()
    await database.close()
  })

  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  console.log(
    `\nTandem is running at ${url}  (database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
  )
  if (config.seedDemo) printDemoSignIns(services.demo.signIns())
}

function printDemoSignIns(signIns: { authority: string; role: string; name: string; email: string }[]) {
  console.log(`\nDemo sign-ins (every one uses the password: ${DEMO_PASSWORD})`)
  let authority = ''
  for (const signIn of signIns) {
    if (signIn.authority !== authority) {
      authority = signIn.authority
      console.log(`\n  ${authority}`)
    }
    console.log(`    ${signIn.role.padEnd(28)} ${signIn.email}`)
  }
  console.log('')
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
