import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IdempotencyKeyInvalid,
} from '#application/idempotency/idempotency.errors.ts';

// The draft defines the header as a Structured Field String (RFC 8941: `"…"`); clients
// that learnt from Stripe send the bare value. Both are accepted, nothing else.
const QUOTED = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])+)"$/;
const BARE = /^[\x21\x23-\x7E]+$/; // no DQUOTE: a quote means a (possibly broken) sf-string

/** The key carried by an `Idempotency-Key` header value; throws IdempotencyKeyInvalid. */
export function parseIdempotencyKey(header: string): string {
  const value = header.trim();
  const quoted = QUOTED.exec(value);
  const key = quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : BARE.test(value) ? value : '';
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw new IdempotencyKeyInvalid();
  return key;
}
