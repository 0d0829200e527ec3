import type { FastifyReply } from 'fastify'
import { ConflictError, ValidationError } from '../../lib/errors.js'
import { toGovukErrors, type GovukErrors } from '../../lib/govukErrors.js'

export const CONFLICT_MESSAGE =
  'Someone else changed this record while you were working on it, so your change was not saved. ' +
  'What they saved is shown below and the form still holds what you typed: check both, then save again.'

/**
 * Runs a form's change and redirects (303) to where `work` says (or shows the page it returns, such as
 * the duplicate check). A validation problem re-renders the
 * form (400) with the GOV.UK error summary in field order; a stale version re-renders it (409) with
 * what is saved now. Either way the form keeps what the user typed.
 */
export async function submitForm(
  reply: FastifyReply,
  fieldOrder: readonly string[],
  render: (status: number, errors: GovukErrors, conflict: boolean) => unknown,
  work: () => Promise<string | { show: () => unknown }>,
) {
  try {
    const outcome = await work()
    return typeof outcome === 'string' ? reply.redirect(outcome, 303) : outcome.show()
  } catch (error) {
    if (error instanceof ValidationError) return render(400, toGovukErrors(error.errors, fieldOrder), false)
    if (error instanceof ConflictError) {
      return render(
        409,
        toGovukErrors([
          { field: 'saved', message: error.message === new ConflictError().message ? CONFLICT_MESSAGE : error.message },
        ]),
        true,
      )
    }
    throw error
  }
}
