import { DomainError } from '#domain/shared/domain-error.ts';

/** Too many requests; `retry_after` (seconds) also becomes the `Retry-After` header. */
export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super('request.rate_limited', 'rate_limited', `Too many requests; retry in ${retryAfter} s.`, {
      retry_after: retryAfter,
    });
  }
}
