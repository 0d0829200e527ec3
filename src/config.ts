import { z } from 'zod'

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform(value => value === 'true' || value === '1' || value === 'yes')

/** Every environment variable Tandem reads. The README's configuration table lists the same. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  SECURE_COOKIES: booleanFromEnv.optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  SIGN_IN_THROTTLE_MINUTES: z.coerce.number().int().positive().default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanFromEnv.default(true),
})

export type Config = Readonly<{
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  databaseUrl: string | undefined
  dataDir: string
  sessionSecret: string | undefined
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  secureCookies: boolean
  trustProxy: boolean
  signInMaxFailures: number
  signInMaxFailuresPerIp: number
  signInThrottleMinutes: number
  logLevel: string
  seedDemo: boolean
}>

/** Parses the environment once into a typed, frozen configuration; throws naming the bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and CI files often leave them.
  const given = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = environmentSchema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const env = parsed.data
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    throw new Error('Invalid configuration: SESSION_SECRET is required when NODE_ENV=production')
  }
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    sessionSecret: env.SESSION_SECRET,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    secureCookies: env.SECURE_COOKIES ?? env.NODE_ENV === 'production',
    trustProxy: env.TRUST_PROXY,
    signInMaxFailures: env.SIGN_IN_MAX_FAILURES,
    signInMaxFailuresPerIp: env.SIGN_IN_MAX_FAILURES_PER_IP,
    signInThrottleMinutes: env.SIGN_IN_THROTTLE_MINUTES,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO,
  })
}
