import { DomainError } from '#domain/shared/domain-error.ts';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

export class IdempotencyKeyInvalid extends DomainError {
  constructor() {
    super(
      'idempotency.key_invalid',
      'invalid',
      `Idempotency-Key must be 1–${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters (a UUID is a good choice).`,
      { max_length: IDEMPOTENCY_KEY_MAX_LENGTH },
    );
  }
}

/** Answered with 422 (the HTTP layer's code table): the key already names another request. */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(
      'idempotency.key_reused',
      'conflict',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    );
  }
}

export class IdempotentRequestInProgress extends DomainError {
  constructor() {
    super(
      'idempotency.request_in_progress',
      'conflict',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      { retry_after: 1 },
    );
  }
}
