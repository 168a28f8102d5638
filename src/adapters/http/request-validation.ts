import type { z } from 'zod';
import { DomainError } from '#domain/shared/domain-error.ts';

export interface FieldError {
  /** JSON pointer-like path of the offending field, e.g. `text` or `items.0.type`. */
  path: string;
  message: string;
}

export class RequestValidationError extends DomainError {
  constructor(where: 'body' | 'query' | 'path' | 'headers', errors: FieldError[]) {
    super('request.invalid', 'invalid', `The request ${where} is not valid: ${describe(errors)}`, { errors });
  }
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

/** Parses untrusted input with a strict schema; every violation is reported, none is guessed around. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'path' | 'headers' = 'body',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new RequestValidationError(
    where,
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
