import { describe, expect, it } from '@jest/globals';
import { decideOnFailure } from '#adapters/messaging/failure-policy.ts';
import { DomainError } from '#domain/shared/domain-error.ts';

const delays = [1_000, 5_000, 30_000];

describe('what a failed delivery becomes', () => {
  it('retries a transient failure after the delay of its attempt', () => {
    expect(decideOnFailure(new Error('ECONNRESET'), 1, delays)).toEqual({ action: 'retry', delayMs: 1_000 });
    expect(decideOnFailure(new Error('ECONNRESET'), 3, delays)).toEqual({ action: 'retry', delayMs: 30_000 });
  });

  it('dead-letters once the attempts run out, saying how many there were', () => {
    const decision = decideOnFailure(new Error('timeout'), 4, delays);
    expect(decision).toEqual({ action: 'dead-letter', reason: 'gave up after 4 attempts: Error: timeout' });
  });

  it('dead-letters a business-rule failure at once: retrying cannot change the answer', () => {
    const decision = decideOnFailure(new DomainError('post.not_found', 'not_found', 'No post.'), 1, delays);
    expect(decision).toEqual({ action: 'dead-letter', reason: 'permanent: post.not_found: No post.' });
  });

  it('retries a domain error that says the failure is temporary', () => {
    const outage = new DomainError('storage.unavailable', 'unavailable', 'Storage is down.');
    expect(decideOnFailure(outage, 1, delays)).toEqual({ action: 'retry', delayMs: 1_000 });
  });
});
