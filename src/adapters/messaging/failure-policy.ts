import { DomainError } from '#domain/shared/domain-error.ts';

export type FailureDecision =
  { action: 'retry'; delayMs: number } | { action: 'dead-letter'; reason: string };

/**
 * The one place that decides what a failed delivery becomes. Business-rule failures and
 * malformed messages fail the same way every time: dead-lettered at once. Anything else
 * (a database or network hiccup, a timeout, a circuit that is open) is retried with the
 * configured backoff until the attempts run out, then dead-lettered.
 */
export function decideOnFailure(
  error: unknown,
  attempt: number,
  retryDelaysMs: readonly number[],
): FailureDecision {
  if (isPermanent(error)) return { action: 'dead-letter', reason: `permanent: ${describe(error)}` };
  const delayMs = retryDelaysMs[attempt - 1];
  if (delayMs === undefined) {
    return { action: 'dead-letter', reason: `gave up after ${attempt} attempts: ${describe(error)}` };
  }
  return { action: 'retry', delayMs };
}

export function isPermanent(error: unknown): boolean {
  return error instanceof DomainError && error.kind !== 'unavailable' && error.kind !== 'rate_limited';
}

export function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
