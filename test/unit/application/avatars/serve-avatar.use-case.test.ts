import { describe, expect, it } from '@jest/globals';
import { ServeAvatar } from '#application/avatars/serve-avatar.use-case.ts';
import { ServeCurrentAvatar } from '#application/avatars/serve-current-avatar.use-case.ts';
import {
  AvatarNotFound,
  AvatarProcessingFailed,
  NoCurrentAvatar,
  RenditionNotReady,
} from '#domain/avatars/avatar.errors.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import { aReadyAvatar, anAvatar } from '../../../support/builders/avatar.builder.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function makeSut() {
  const f = avatarFakes();
  const store = async (avatar: ReturnType<typeof anAvatar>) => {
    await f.unitOfWork.transaction(() => f.avatars.add(avatar));
    await f.blobs.put(avatar.storageKey, new TextEncoder().encode('raw upload'), avatar.mimeType);
    for (const r of avatar.renditions)
      await f.blobs.put(r.key, new TextEncoder().encode(`stored ${r.name}`), avatar.mimeType);
    return avatar;
  };
  return {
    sut: new ServeAvatar(f.avatars, f.source),
    current: new ServeCurrentAvatar(f.users, f.avatars, f.source),
    store,
    ...f,
  };
}

describe('ServeAvatar', () => {
  it('serves a stored rendition in its own format, as final', async () => {
    const { sut, store, metrics } = await makeSut();
    const avatar = await store(aReadyAvatar());
    const image = await sut.execute({ avatarId: avatar.id, size: '100x100' });
    expect([text(image.bytes), image.format, image.final]).toEqual(['stored 100x100', 'jpeg', true]);
    expect(metrics.conversions).toEqual([]);
  });

  it('converts to another format on first request, stores the conversion and serves it from storage after', async () => {
    const { sut, store, blobs, images, metrics } = await makeSut();
    const avatar = await store(aReadyAvatar());

    const first = await sut.execute({ avatarId: avatar.id, size: '300x300', format: 'webp' });
    const second = await sut.execute({ avatarId: avatar.id, size: '300x300', format: 'webp' });

    expect(first).toMatchObject({ format: 'webp', final: true });
    expect(text(second.bytes)).toBe(text(first.bytes));
    expect(images.renders).toEqual([{ format: 'webp' }]);
    expect(blobs.objects.get(avatar.renditionKey('300x300', 'webp'))?.contentType).toBe('image/webp');
    expect(metrics.conversions).toEqual(['miss', 'hit']);
  });

  it('serves the original of a processing avatar sanitised from the upload once, not as final', async () => {
    const { sut, store, images, blobs } = await makeSut();
    const avatar = await store(anAvatar());
    const first = await sut.execute({ avatarId: avatar.id, size: 'original' });
    const second = await sut.execute({ avatarId: avatar.id, size: 'original' });
    expect(first).toMatchObject({ final: false, format: 'jpeg' });
    expect(text(first.bytes)).toMatch(/^jpeg:640x480:from:/);
    expect(text(second.bytes)).toBe(text(first.bytes));
    expect(images.renders).toEqual([{ format: 'jpeg' }]);
    expect(blobs.objects.has(avatar.renditionKey('original', 'jpeg'))).toBe(true);
  });

  it('answers "not ready yet" for a thumbnail of a processing avatar', async () => {
    const { sut, store } = await makeSut();
    const avatar = await store(anAvatar());
    await expect(sut.execute({ avatarId: avatar.id, size: '100x100' })).rejects.toBeInstanceOf(
      RenditionNotReady,
    );
  });

  it('answers not found for a failed, deleted or unknown avatar', async () => {
    const { sut, store } = await makeSut();
    const failed = anAvatar();
    failed.markFailed('bad pixels', new Date());
    await store(failed);
    const deleted = await store(aReadyAvatar());
    deleted.deleteBy(deleted.userId, new Date());

    await expect(sut.execute({ avatarId: failed.id, size: 'original' })).rejects.toBeInstanceOf(
      AvatarProcessingFailed,
    );
    await expect(sut.execute({ avatarId: deleted.id, size: 'original' })).rejects.toBeInstanceOf(
      AvatarNotFound,
    );
    await expect(sut.execute({ avatarId: 'nope', size: 'original' })).rejects.toBeInstanceOf(AvatarNotFound);
  });

  it('answers not found when the objects were already purged', async () => {
    const { sut, store, blobs } = await makeSut();
    const avatar = await store(aReadyAvatar());
    await blobs.deletePrefix(avatar.storagePrefix());
    await expect(sut.execute({ avatarId: avatar.id, size: '100x100' })).rejects.toBeInstanceOf(
      AvatarNotFound,
    );
  });
});

describe('ServeCurrentAvatar', () => {
  it('serves the avatar the user shows', async () => {
    const { current, store, aUser, clock } = await makeSut();
    const user = await aUser();
    const avatar = await store(aReadyAvatar({ userId: user.id }));
    user.avatarBecameReady(avatar, null, clock.now());
    const image = await current.execute({ userId: user.id, size: '300x300' });
    expect([image.avatarId, text(image.bytes)]).toEqual([avatar.id, 'stored 300x300']);
  });

  it('answers not found for a user without an avatar, and for an unknown user', async () => {
    const { current, aUser } = await makeSut();
    const user = await aUser();
    await expect(current.execute({ userId: user.id, size: 'original' })).rejects.toBeInstanceOf(
      NoCurrentAvatar,
    );
    await expect(current.execute({ userId: 'ghost', size: 'original' })).rejects.toBeInstanceOf(UserNotFound);
  });
});
