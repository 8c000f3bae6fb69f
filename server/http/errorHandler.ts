/** Turns every error into the one JSON error shape, with a 4xx for the client's mistakes. */
import type { NextFunction, Request, Response } from 'express';
import { HttpError, PayloadTooLargeError, ValidationError } from '../errors';
import type { Logger } from '../logger';

/** Express's final error handler. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toHttpError(err);
    if (!known) log.error({ err, method: req.method, path: req.path }, 'request failed');
    const e = known ?? new HttpError(500, 'internal_error', 'Something went wrong on our side. Nothing was changed.');
    if (res.headersSent) return;
    res.status(e.status).json(e.toJSON());
  };
}

function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') return ValidationError('The request body is not valid JSON.');
  if (type === 'entity.too.large') return PayloadTooLargeError();
  const status = (err as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new HttpError(status, 'bad_request', (err as Error).message);
  return undefined;
}
