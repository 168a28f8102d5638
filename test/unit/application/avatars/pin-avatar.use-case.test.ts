import { describe, expect, it } from '@jest/globals';
import { PinAvatar } from '#application/avatars/pin-avatar.use-case.ts';
import { AvatarNotFound, AvatarNotReady, AvatarNotYours } from '#domain/avatars/avatar.errors.ts';
import { aReadyAvatar, anAvatar } from '../../../support/builders/avatar.builder.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

async function makeSut() {
  const f = avatarFakes();
  const user = await f.aUser('ada');
  const store = async (avatar: ReturnType<typeof anAvatar>) => {
    await f.unitOfWork.transaction(() => f.avatars.add(avatar));
    return avatar;
  };
  return { sut: new PinAvatar(f.unitOfWork, f.avatars, f.users, f.events, f.clock), user, store, ...f };
}

describe('PinAvatar', () => {
  it('shows the chosen ready avatar, even after a newer one becomes ready', async () => {
    const { sut, user, store, clock, events } = await makeSut();
    const chosen = await store(aReadyAvatar({ userId: user.id }));
    await sut.execute({ userId: user.id, avatarId: chosen.id });
    expect(user).toMatchObject({ avatarId: chosen.id, avatarPinned: true });
    expect(events.published.map((e) => [e.type, e.payload])).toEqual([
      ['user.profile_changed', { user_id: user.id, changed: ['avatar'] }],
    ]);

    user.avatarBecameReady(await store(aReadyAvatar({ userId: user.id })), chosen, clock.now());
    expect(user.avatarId).toBe(chosen.id);
  });

  it('refuses another user’s avatar', async () => {
    const { sut, user, store, aUser } = await makeSut();
    const theirs = await store(aReadyAvatar({ userId: (await aUser('bob')).id }));
    await expect(sut.execute({ userId: user.id, avatarId: theirs.id })).rejects.toBeInstanceOf(
      AvatarNotYours,
    );
    expect(user.avatarId).toBeNull();
  });

  it('refuses an avatar that is not ready', async () => {
    const { sut, user, store } = await makeSut();
    const processing = await store(anAvatar({ userId: user.id }));
    const failed = await store(anAvatar({ userId: user.id }));
    failed.markFailed('bad', new Date());
    await expect(sut.execute({ userId: user.id, avatarId: processing.id })).rejects.toBeInstanceOf(
      AvatarNotReady,
    );
    await expect(sut.execute({ userId: user.id, avatarId: failed.id })).rejects.toMatchObject({
      code: 'avatar.not_ready',
      details: { avatar_status: 'failed' },
    });
  });

  it('answers not found for a deleted or unknown avatar', async () => {
    const { sut, user, store } = await makeSut();
    const deleted = await store(aReadyAvatar({ userId: user.id }));
    deleted.deleteBy(user.id, new Date());
    await expect(sut.execute({ userId: user.id, avatarId: deleted.id })).rejects.toBeInstanceOf(
      AvatarNotFound,
    );
    await expect(sut.execute({ userId: user.id, avatarId: 'nope' })).rejects.toBeInstanceOf(AvatarNotFound);
  });
});
