import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { govukFrontendDir, mojFrontendDir, srcDir } from './paths.js'

/** GOV.UK Frontend and MoJ Frontend's compiled CSS, JS, fonts and images, and our own few files. */
export default fp(async app => {
  const cacheControl = { maxAge: '1d', immutable: false }
  await app.register(fastifyStatic, {
    root: [join(srcDir, 'public'), join(govukFrontendDir, 'govuk/assets'), join(mojFrontendDir, 'moj/assets')],
    prefix: '/assets/',
    ...cacheControl,
  })
  await app.register(fastifyStatic, {
    root: join(govukFrontendDir, 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: path => /\.(css|js|mjs|map)$/.test(path) && !path.includes('/'.repeat(2)),
    ...cacheControl,
  })
  await app.register(fastifyStatic, {
    root: join(mojFrontendDir, 'moj'),
    prefix: '/assets/moj/',
    decorateReply: false,
    allowedPath: path => /\.(css|js|mjs|map)$/.test(path),
    ...cacheControl,
  })
})
