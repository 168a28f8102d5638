import { describe, expect, it } from '@jest/globals';
import { GetAvatarMetadata } from '#application/avatars/get-avatar-metadata.use-case.ts';
import { ListUserAvatars } from '#application/avatars/list-user-avatars.use-case.ts';
import { AvatarNotFound } from '#domain/avatars/avatar.errors.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import { anAvatar } from '../../../support/builders/avatar.builder.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

async function makeSut() {
  const f = avatarFakes();
  const user = await f.aUser('ada');
  const uploaded = Array.from({ length: 5 }, (_, i) =>
    anAvatar({ userId: user.id, at: new Date(Date.UTC(2026, 10, 22, 9, 0, i)) }),
  );
  await f.unitOfWork.transaction(async () => {
    for (const a of uploaded) await f.avatars.add(a);
  });
  return {
    sut: new ListUserAvatars(f.users, f.avatars),
    metadata: new GetAvatarMetadata(f.avatars),
    user,
    uploaded,
    ...f,
  };
}

describe('ListUserAvatars', () => {
  it('pages through a user’s avatars newest first and says where the next page starts', async () => {
    const { sut, user, uploaded: avatars } = await makeSut();
    const first = await sut.execute({ userId: user.id, limit: 3 });
    const second = await sut.execute({ userId: user.id, limit: 3, after: first.next! });

    expect(first.items.map((a) => a.id)).toEqual([avatars[4]!.id, avatars[3]!.id, avatars[2]!.id]);
    expect(first.next).toEqual({ createdAt: avatars[2]!.createdAt, id: avatars[2]!.id });
    expect(second.items.map((a) => a.id)).toEqual([avatars[1]!.id, avatars[0]!.id]);
    expect(second.next).toBeNull();
  });

  it('answers not found for an unknown user', async () => {
    const { sut } = await makeSut();
    await expect(sut.execute({ userId: 'ghost', limit: 20 })).rejects.toBeInstanceOf(UserNotFound);
  });
});

describe('GetAvatarMetadata', () => {
  it('returns a live avatar and answers not found for a deleted one', async () => {
    const { metadata, uploaded: avatars, user } = await makeSut();
    expect(await metadata.execute({ avatarId: avatars[0]!.id })).toBe(avatars[0]);
    avatars[1]!.deleteBy(user.id, new Date());
    await expect(metadata.execute({ avatarId: avatars[1]!.id })).rejects.toBeInstanceOf(AvatarNotFound);
  });
});
