/**
 * What kind of expected failure an error is. Driving adapters map a kind to their
 * transport in one place (HTTP status, AMQP ack/retry/dead-letter), so the domain never
 * knows about either.
 */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'too_large'
  | 'unsupported'
  | 'rate_limited'
  | 'unavailable';

/**
 * The one base of every expected failure. `code` is stable and machine-readable
 * (`post.text_too_long`); clients switch on it, so it never changes once shipped.
 * `details` are safe to show to the caller (limits, field names), never internals.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, kind: ErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.details = Object.freeze({ ...details });
  }
}
