/** Request-body validation with zod, answering 400 with the problems named. */
import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses `input` with `schema` or throws a 400 that lists each problem. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw ValidationError(`The request is not valid: ${details.map((d) => `${d.path || 'body'}: ${d.message}`).join('; ')}.`, details);
  }
  return parsed.data;
}
