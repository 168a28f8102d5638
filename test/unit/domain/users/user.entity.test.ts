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

describe('User: the shown avatar', () => {
  const upload = (id: string, second: number) => ({
    id,
    createdAt: new Date(Date.UTC(2026, 10, 22, 9, 0, second)),
  });
  const older = upload('a-older', 1);
  const newer = upload('a-newer', 2);
  const avatarEvents = (user: User) => user.pullEvents().filter((e) => e.type === 'user.profile_changed');

  it('shows the first avatar that becomes ready, and announces it', () => {
    const user = register();
    user.avatarBecameReady(older, null, at);
    expect(user.avatarId).toBe(older.id);
    expect(avatarEvents(user).map((e) => e.payload)).toEqual([{ user_id: 'u-1', changed: ['avatar'] }]);
  });

  it('switches to a newer upload when it becomes ready', () => {
    const user = register();
    user.avatarBecameReady(older, null, at);
    user.pullEvents();
    user.avatarBecameReady(newer, older, at);
    expect(user.avatarId).toBe(newer.id);
    expect(avatarEvents(user)).toHaveLength(1);
  });

  it('keeps the newer upload when an older one finishes processing after it', () => {
    const user = register();
    user.avatarBecameReady(newer, null, at);
    user.pullEvents();
    user.avatarBecameReady(older, newer, at);
    expect(user.avatarId).toBe(newer.id);
    expect(avatarEvents(user)).toEqual([]);
  });

  it('orders uploads of the same instant by id, as the repositories do', () => {
    const user = register();
    const [low, high] = [upload('a-1', 5), upload('a-2', 5)];
    user.avatarBecameReady(low, high, at);
    expect(user.avatarId).toBe(high.id);
  });

  it('keeps a pinned avatar, whichever upload finishes', () => {
    const user = register();
    user.pinAvatar(older.id, at);
    user.avatarBecameReady(newer, older, at);
    expect(user).toMatchObject({ avatarId: older.id, avatarPinned: true });
  });
});
