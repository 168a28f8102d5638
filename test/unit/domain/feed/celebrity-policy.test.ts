import { describe, expect, it } from '@jest/globals';
import { CelebrityPolicy } from '#domain/feed/celebrity-policy.ts';

describe('celebrity policy', () => {
  it('makes an author a celebrity from the threshold on', () => {
    const policy = new CelebrityPolicy(10_000);
    expect(policy.becomesCelebrity(9_999)).toBe(false);
    expect(policy.becomesCelebrity(10_000)).toBe(true);
  });

  it('never makes anyone a celebrity with a threshold of 0 (the hybrid is off)', () => {
    expect(new CelebrityPolicy(0).becomesCelebrity(1_000_000)).toBe(false);
  });

  it('refuses a threshold that is not a whole number of followers', () => {
    expect(() => new CelebrityPolicy(-1)).toThrow(/threshold/);
    expect(() => new CelebrityPolicy(1.5)).toThrow(/threshold/);
  });
});
