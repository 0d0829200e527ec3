/** A field's problem, in the words the GOV.UK error summary shows. */
export interface FieldError {
  field: string
  message: string
  /** The element the error summary links to, when not the field's own id: a date input's first box. */
  anchor?: string
}

/** Thrown by services; the error handler maps each to a GOV.UK page or a problem+json body. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly title: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Page not found') {
    super(message, 404, 'Page not found')
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this') {
    super(message, 403, 'You do not have permission')
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue') {
    super(message, 401, 'Sign in required')
  }
}

export class ConflictError extends DomainError {
  constructor(message = 'Someone else changed this record while you were editing it') {
    super(message, 409, 'The record has changed')
  }
}

export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(errors.map(error => error.message).join('; '), 400, 'There is a problem')
  }
}
