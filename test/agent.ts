import type { App } from '../src/app.js'
import { DEMO_PASSWORD } from '../src/services/demo.js'

type InjectResponse = Awaited<ReturnType<App['inject']>>

/**
 * A browser-like client over real HTTP (app.inject): keeps cookies between requests and puts the
 * page's CSRF token into every form it posts, as a browser submitting the form would.
 */
export class Agent {
  readonly cookies = new Map<string, string>()
  #csrf: string | undefined

  constructor(readonly app: App) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  #remember(response: InjectResponse) {
    for (const cookie of response.cookies) {
      const expired = cookie.expires && new Date(cookie.expires).getTime() <= Date.now()
      if (cookie.value === '' || expired || cookie.maxAge === 0) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (token) this.#csrf = token[1]
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<InjectResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } })
    this.#remember(response)
    return response
  }

  /** Posts a form with the CSRF token of the last page loaded (loading `from` first if given). */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { from?: string; csrf?: string | false } = {},
  ) {
    if (options.from) await this.get(options.from)
    if (options.csrf !== false && !this.#csrf) await this.get('/sign-in')
    const body = new URLSearchParams()
    const token = options.csrf === false ? undefined : (options.csrf ?? this.#csrf)
    if (token) body.append('_csrf', token)
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
    this.#remember(response)
    return response
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<InjectResponse> {
    await this.get('/sign-in')
    return this.post('/sign-in', { email, password })
  }
}

/** A new agent signed in as the given user; throws if sign-in did not succeed. */
export async function signedIn(app: App, email: string): Promise<Agent> {
  const agent = new Agent(app)
  const response = await agent.signIn(email)
  if (response.statusCode !== 303) throw new Error(`Sign-in as ${email} failed with ${response.statusCode}`)
  await agent.get('/')
  return agent
}
