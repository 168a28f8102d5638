import { describe, expect, it } from '@jest/globals';
import { User } from '#domain/users/user.entity.ts';
import { InvalidEmailAddress } from '#domain/users/email-address.ts';
import { InvalidHandle, ReservedHandle } from '#domain/users/handle.ts';
import { InvalidDisplayName } from '#domain/users/user.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const register = (overrides: Partial<Parameters<typeof User.register>[0]> = {}) =>
  User.register({
    id: 'u-1',
    email: 'Ada@Example.COM ',
    handle: '@Ada_L',
    passwordHash: null,
    at,
    ...overrides,
  });

describe('User.register', () => {
  it('normalises e-mail and handle so that uniqueness means one person', () => {
    const user = register();
    expect(user.email).toBe('ada@example.com');
    expect(user.handle).toBe('ada_l');
  });

  it('uses the handle as display name when none is given', () => {
    expect(register().displayName).toBe('ada_l');
    expect(register({ displayName: '  Ada Lovelace ' }).displayName).toBe('Ada Lovelace');
  });

  it('records user.registered with the new id and handle', () => {
    const events = register().pullEvents();
    expect(events).toEqual([
      { type: 'user.registered', version: 1, occurredAt: at, payload: { user_id: 'u-1', handle: 'ada_l' } },
    ]);
  });

  it('hands its events out once', () => {
    const user = register();
    user.pullEvents();
    expect(user.pullEvents()).toEqual([]);
  });

  it.each([
    'not-an-email',
    'a@b',
    'two@@example.com',
    'spa ce@example.com',
    `${'x'.repeat(250)}@example.com`,
  ])('rejects the e-mail address %j', (email) => {
    expect(() => register({ email })).toThrow(InvalidEmailAddress);
  });

  it.each(['ab', 'with-dash', 'x'.repeat(31), 'émile', ''])('rejects the handle %j', (handle) => {
    expect(() => register({ handle })).toThrow(InvalidHandle);
  });

  it('keeps reserved handles for the platform', () => {
    expect(() => register({ handle: 'admin' })).toThrow(ReservedHandle);
  });

  it.each(['', '   ', 'x'.repeat(51), 'bell\u0007'])('rejects the display name %j', (displayName) => {
    expect(() => register({ displayName })).toThrow(InvalidDisplayName);
  });

  it('counts display-name length in characters a person sees, not UTF-16 units', () => {
    expect(register({ displayName: '🐦'.repeat(50) }).displayName).toBe('🐦'.repeat(50));
  });
});

describe('User.rename', () => {
  it('changes the display name and the update time, nothing else', () => {
    const user = register();
    const later = new Date('2026-11-23T09:00:00.000Z');
    user.rename('Countess', later);
    expect(user.displayName).toBe('Countess');
    expect(user.updatedAt).toEqual(later);
    expect(user.createdAt).toEqual(at);
  });
});
