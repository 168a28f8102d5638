import { describe, expect, it } from '@jest/globals';
import { DeleteAvatar } from '#application/avatars/delete-avatar.use-case.ts';
import { DeleteCurrentAvatar } from '#application/avatars/delete-current-avatar.use-case.ts';
import { PurgeDeletedAvatar } from '#application/avatars/purge-deleted-avatar.consumer.ts';
import { AvatarNotFound, AvatarNotYours, NoCurrentAvatar } from '#domain/avatars/avatar.errors.ts';
import { envelope } from '#domain/shared/domain-event.ts';
import { aReadyAvatar } from '../../../support/builders/avatar.builder.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

async function makeSut() {
  const f = avatarFakes();
  const sut = new DeleteAvatar(f.unitOfWork, f.avatars, f.users, f.events, f.clock);
  const user = await f.aUser('ada');
  const ready = async (seconds: number) => {
    const avatar = aReadyAvatar({ userId: user.id, at: new Date(Date.UTC(2026, 10, 22, 9, 0, seconds)) });
    await f.unitOfWork.transaction(() => f.avatars.add(avatar));
    user.avatarBecameReady(avatar, await f.avatars.newestReady(user.id, avatar.id), f.clock.now());
    user.pullEvents(); // announced by the avatar worker, not by these tests
    return avatar;
  };
  return { sut, current: new DeleteCurrentAvatar(f.users, sut), user, ready, ...f };
}

describe('DeleteAvatar', () => {
  it('soft-deletes the avatar, announces which objects to remove, and that the shown avatar changed', async () => {
    const { sut, user, ready, events } = await makeSut();
    const avatar = await ready(1);
    await sut.execute({ actorId: user.id, avatarId: avatar.id });
    expect(avatar.isDeleted()).toBe(true);
    expect(events.published.map((e) => [e.type, e.payload])).toEqual([
      ['avatar.deleted', { avatar_id: avatar.id, user_id: user.id, storage_prefix: avatar.storagePrefix() }],
      ['user.profile_changed', { user_id: user.id, changed: ['avatar'] }],
    ]);
  });

  it('falls back to the newest other ready avatar when the shown one goes, and to none after the last', async () => {
    const { sut, user, ready } = await makeSut();
    const older = await ready(1);
    const newer = await ready(2);
    expect(user.avatarId).toBe(newer.id);

    await sut.execute({ actorId: user.id, avatarId: newer.id });
    expect(user.avatarId).toBe(older.id);
    await sut.execute({ actorId: user.id, avatarId: older.id });
    expect(user.avatarId).toBeNull();
  });

  it('keeps the shown avatar when another one is deleted', async () => {
    const { sut, user, ready } = await makeSut();
    const older = await ready(1);
    const newer = await ready(2);
    await sut.execute({ actorId: user.id, avatarId: older.id });
    expect(user.avatarId).toBe(newer.id);
  });

  it('refuses someone else’s avatar and changes nothing', async () => {
    const { sut, ready, aUser, events } = await makeSut();
    const avatar = await ready(1);
    const mallory = await aUser('mallory');
    await expect(sut.execute({ actorId: mallory.id, avatarId: avatar.id })).rejects.toBeInstanceOf(
      AvatarNotYours,
    );
    expect([avatar.isDeleted(), events.published.length]).toEqual([false, 0]);
  });

  it('answers not found for an unknown or already deleted avatar', async () => {
    const { sut, user, ready } = await makeSut();
    const avatar = await ready(1);
    await sut.execute({ actorId: user.id, avatarId: avatar.id });
    await expect(sut.execute({ actorId: user.id, avatarId: avatar.id })).rejects.toBeInstanceOf(
      AvatarNotFound,
    );
    await expect(sut.execute({ actorId: user.id, avatarId: 'nope' })).rejects.toBeInstanceOf(AvatarNotFound);
  });
});

describe('DeleteCurrentAvatar', () => {
  it('deletes the avatar the user shows', async () => {
    const { current, user, ready } = await makeSut();
    const older = await ready(1);
    const shown = await ready(2);
    await current.execute({ actorId: user.id, userId: user.id });
    expect([shown.isDeleted(), older.isDeleted(), user.avatarId]).toEqual([true, false, older.id]);
  });

  it('refuses to delete another user’s avatar, and answers not found when there is none', async () => {
    const { current, user, ready, aUser } = await makeSut();
    await ready(1);
    const other = await aUser('bob');
    await expect(current.execute({ actorId: other.id, userId: user.id })).rejects.toBeInstanceOf(
      AvatarNotYours,
    );
    await expect(current.execute({ actorId: other.id, userId: other.id })).rejects.toBeInstanceOf(
      NoCurrentAvatar,
    );
  });
});

describe('PurgeDeletedAvatar', () => {
  it('removes every object of the avatar, conversions included, and is harmless when delivered again', async () => {
    const { sut, user, ready, events, blobs, avatars, clock, unitOfWork } = await makeSut();
    const avatar = await ready(1);
    const keep = await ready(2);
    for (const key of [avatar.storageKey, avatar.renditionKey('100x100', 'webp'), keep.storageKey])
      await blobs.put(key, new Uint8Array([1]), 'image/jpeg');
    await sut.execute({ actorId: user.id, avatarId: avatar.id });
    const purge = new PurgeDeletedAvatar(avatars, blobs, clock);
    const event = envelope('e-1', events.published[0]!);

    await unitOfWork.transaction(() => purge.handle(event));
    await unitOfWork.transaction(() => purge.handle(event));

    expect([...blobs.objects.keys()]).toEqual([keep.storageKey]);
    expect(avatar.purgedAt).toEqual(clock.now());
  });
});
