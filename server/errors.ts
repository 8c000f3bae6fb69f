/** Errors that carry an HTTP status and a stable id; every JSON error body has the same shape. */
import type { ApiError } from '../shared/api';

/** An error the API answers with its own status and id. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The JSON body of this error. */
  toJSON(): ApiError {
    return { error: this.id, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export const ValidationError = (message = 'The request is not valid.', details?: unknown) =>
  new HttpError(400, 'validation_error', message, details);
export const AuthenticationError = (message = 'Sign in to continue.') => new HttpError(401, 'unauthenticated', message);
export const ForbiddenError = (message = 'You do not have access to this.') => new HttpError(403, 'forbidden', message);
export const NotFoundError = (message = 'Not found.') => new HttpError(404, 'not_found', message);
export const ConflictError = (message: string) => new HttpError(409, 'conflict', message);
export const GoneError = (message = 'This is no longer available.') => new HttpError(410, 'gone', message);
export const UnprocessableError = (id: string, message: string, details?: unknown) => new HttpError(422, id, message, details);
export const PayloadTooLargeError = (message = 'The request is too large.') => new HttpError(413, 'payload_too_large', message);
export const UnavailableError = (message = 'The server is shutting down.') => new HttpError(503, 'unavailable', message);
