import { describe, expect, it } from '@jest/globals';
import { GetUserProfile } from '#application/users/get-user-profile.use-case.ts';
import { PromoteUser } from '#application/users/promote-user.use-case.ts';
import { UpdateMyProfile } from '#application/users/update-my-profile.use-case.ts';
import { InvalidDisplayName } from '#domain/users/user.entity.ts';
import { NoAccountWithEmail, UserNotFound } from '#domain/users/user.errors.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { RecordingEventPublisher } from '../../../support/fakes/recording-event-publisher.ts';
import { InMemoryUserRepository } from '../../../support/fakes/in-memory-user.repository.ts';

async function makeSut() {
  const uow = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(uow);
  const clock = new FixedClock(new Date('2026-11-23T10:00:00.000Z'));
  const user = aUser({ email: 'ada@example.com', displayName: 'Ada' });
  await uow.transaction(() => users.add(user));
  user.pullEvents(); // stored: as if loaded from the database, with nothing pending
  const events = new RecordingEventPublisher(uow);
  return {
    user,
    uow,
    events,
    get: new GetUserProfile(users),
    update: new UpdateMyProfile(uow, users, events, clock),
    promote: new PromoteUser(uow, users, clock),
  };
}

describe('profiles', () => {
  it('reads a profile, and says so when there is none', async () => {
    const { user, get } = await makeSut();
    await expect(get.execute({ userId: user.id })).resolves.toBe(user);
    await expect(get.execute({ userId: 'missing' })).rejects.toBeInstanceOf(UserNotFound);
  });

  it('changes only the fields given', async () => {
    const { user, update } = await makeSut();
    await update.execute({ userId: user.id, digestEnabled: false });
    expect(user).toMatchObject({ displayName: 'Ada', digestEnabled: false });
    await update.execute({ userId: user.id, displayName: '  Ada Lovelace ' });
    expect(user).toMatchObject({ displayName: 'Ada Lovelace', digestEnabled: false });
    expect(user.updatedAt).toEqual(new Date('2026-11-23T10:00:00.000Z'));
  });

  it('announces a change others can see (the name), and only a real change', async () => {
    const { user, update, events } = await makeSut();
    await update.execute({ userId: user.id, digestEnabled: false });
    await update.execute({ userId: user.id, displayName: 'Ada' });
    expect(events.published).toEqual([]);
    await update.execute({ userId: user.id, displayName: 'Ada Lovelace' });
    expect(events.published.map((e) => [e.type, e.payload])).toEqual([
      ['user.profile_changed', { user_id: user.id, changed: ['display_name'] }],
    ]);
  });

  it('refuses an invalid display name', async () => {
    const { user, update } = await makeSut();
    await expect(update.execute({ userId: user.id, displayName: '   ' })).rejects.toBeInstanceOf(
      InvalidDisplayName,
    );
  });

  it('promotes an account to administrator by e-mail', async () => {
    const { user, promote } = await makeSut();
    await expect(promote.execute({ email: ' ADA@example.com ' })).resolves.toBe(user);
    expect(user.role).toBe('admin');
    await expect(promote.execute({ email: 'nobody@example.com' })).rejects.toBeInstanceOf(NoAccountWithEmail);
  });
});
