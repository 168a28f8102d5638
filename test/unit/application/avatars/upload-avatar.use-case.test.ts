import { describe, expect, it } from '@jest/globals';
import { UploadAvatar } from '#application/avatars/upload-avatar.use-case.ts';
import {
  AvatarFileEmpty,
  AvatarTooLarge,
  TooManyPixels,
  UnsupportedImageFormat,
} from '#domain/avatars/avatar.errors.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

function makeSut() {
  const f = avatarFakes();
  const sut = new UploadAvatar({
    unitOfWork: f.unitOfWork,
    avatars: f.avatars,
    blobs: f.blobs,
    images: f.images,
    events: f.events,
    ids: f.ids,
    clock: f.clock,
  });
  return { sut, ...f };
}

const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);

describe('UploadAvatar', () => {
  it('stores the upload as received, records the avatar as processing and announces it', async () => {
    const { sut, avatars, blobs, events } = makeSut();
    const avatar = await sut.execute({ userId: 'u-1', fileName: 'me.jpg', bytes });

    expect(avatar).toMatchObject({
      status: 'processing',
      userId: 'u-1',
      width: 640,
      height: 480,
      sizeBytes: 6,
    });
    expect(await avatars.byId(avatar.id)).toBe(avatar);
    expect(blobs.objects.get(avatar.storageKey)).toEqual({ bytes, contentType: 'image/jpeg' });
    expect(events.published.map((e) => [e.type, e.payload])).toEqual([
      [
        'avatar.uploaded',
        { avatar_id: avatar.id, user_id: 'u-1', storage_key: avatar.storageKey, mime_type: 'image/jpeg' },
      ],
    ]);
  });

  it('takes the format from the content, whatever the name says', async () => {
    const { sut, images } = makeSut();
    images.info = { format: 'png', width: 10, height: 10 };
    expect((await sut.execute({ userId: 'u-1', fileName: 'photo.jpg', bytes })).mimeType).toBe('image/png');
  });

  it.each([
    ['an empty file', new Uint8Array(0), AvatarFileEmpty],
    ['a file over 10 MiB', new Uint8Array(10 * 1024 * 1024 + 1), AvatarTooLarge],
  ])('refuses %s before looking at it', async (_, content, error) => {
    const { sut, images, blobs } = makeSut();
    images.inspectError = new Error('must not be called');
    await expect(sut.execute({ userId: 'u-1', fileName: 'x.jpg', bytes: content })).rejects.toBeInstanceOf(
      error,
    );
    expect(blobs.objects.size).toBe(0);
  });

  it('stores and records nothing for content that is not an accepted image', async () => {
    const { sut, images, blobs, avatars, events } = makeSut();
    images.inspectError = new UnsupportedImageFormat('image/gif');
    await expect(sut.execute({ userId: 'u-1', fileName: 'a.gif', bytes })).rejects.toBeInstanceOf(
      UnsupportedImageFormat,
    );
    expect([blobs.objects.size, avatars.avatars.size, events.published.length]).toEqual([0, 0, 0]);
  });

  it('stores and records nothing for a canvas over the pixel limit', async () => {
    const { sut, images, blobs, avatars } = makeSut();
    images.info = { format: 'png', width: 100_000, height: 100_000 };
    await expect(sut.execute({ userId: 'u-1', fileName: 'bomb.png', bytes })).rejects.toBeInstanceOf(
      TooManyPixels,
    );
    expect([blobs.objects.size, avatars.avatars.size]).toEqual([0, 0]);
  });

  it('records nothing when storage fails', async () => {
    const { sut, blobs, avatars, events } = makeSut();
    blobs.failure = new Error('S3 down');
    await expect(sut.execute({ userId: 'u-1', fileName: 'me.jpg', bytes })).rejects.toThrow('S3 down');
    expect([avatars.avatars.size, events.published.length]).toEqual([0, 0]);
  });
});
