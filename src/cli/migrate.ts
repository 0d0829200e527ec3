import { loadConfig } from '../config.js'
import { openDatabase } from '../data/database.js'
import { migrate } from '../data/migrate.js'

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const applied = await migrate(database)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date')
} finally {
  await database.close()
}
