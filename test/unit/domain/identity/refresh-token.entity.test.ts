import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshToken } from '#domain/identity/identity.errors.ts';
import { RefreshToken } from '#domain/identity/refresh-token.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const DAY = 86_400_000;
const issue = () => RefreshToken.issue({ id: 't1', userId: 'u1', tokenHash: 'h1', at, ttlMs: 30 * DAY });

describe('RefreshToken', () => {
  it('starts a family named after the first token', () => {
    const token = issue();
    expect(token.familyId).toBe('t1');
    expect(token.expiresAt).toEqual(later(30 * DAY));
    expect(token.stateAt(at)).toBe('active');
  });

  it('rotates into the next token of the same family, which lives a full period from now', () => {
    const token = issue();
    const next = token.rotate({ id: 't2', tokenHash: 'h2' }, later(DAY), 30 * DAY);
    expect(next).toMatchObject({ id: 't2', familyId: 't1', userId: 'u1', tokenHash: 'h2' });
    expect(next.expiresAt).toEqual(later(31 * DAY));
    expect(token.stateAt(later(DAY))).toBe('rotated');
  });

  it.each([
    ['rotated', (t: RefreshToken) => t.rotate({ id: 'x', tokenHash: 'x' }, at, DAY)],
    ['revoked', (t: RefreshToken) => Object.assign(t, { revokedAt: at })],
  ])('cannot be rotated once %s', (_state, change) => {
    const token = issue();
    change(token);
    expect(() => token.rotate({ id: 't3', tokenHash: 'h3' }, at, DAY)).toThrow(InvalidRefreshToken);
  });

  it('cannot be rotated once expired', () => {
    const token = issue();
    expect(token.stateAt(later(30 * DAY))).toBe('expired');
    expect(() => token.rotate({ id: 't2', tokenHash: 'h2' }, later(30 * DAY), DAY)).toThrow(
      InvalidRefreshToken,
    );
  });

  it('reports revocation before reuse, and reuse before expiry', () => {
    const rotated = issue();
    rotated.rotate({ id: 't2', tokenHash: 'h2' }, at, DAY);
    expect(rotated.stateAt(later(60 * DAY))).toBe('rotated');
    Object.assign(rotated, { revokedAt: at });
    expect(rotated.stateAt(at)).toBe('revoked');
  });
});
