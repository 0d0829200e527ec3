import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

export const srcDir = fileURLToPath(new URL('..', import.meta.url))
export const govukFrontendDir = join(packageDir('govuk-frontend'), 'dist')
export const mojFrontendDir = packageDir('@ministryofjustice/frontend')
