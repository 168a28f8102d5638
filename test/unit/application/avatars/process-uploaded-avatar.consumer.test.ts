import { describe, expect, it } from '@jest/globals';
import { ProcessUploadedAvatar } from '#application/avatars/process-uploaded-avatar.consumer.ts';
import { Avatar } from '#domain/avatars/avatar.entity.ts';
import { MalformedImage } from '#domain/avatars/avatar.errors.ts';
import { envelope } from '#domain/shared/domain-event.ts';
import { avatarFakes } from '../../../support/avatars/avatar-fakes.ts';

async function makeSut() {
  const f = avatarFakes();
  const sut = new ProcessUploadedAvatar({
    avatars: f.avatars,
    users: f.users,
    blobs: f.blobs,
    images: f.images,
    metrics: f.metrics,
    clock: f.clock,
    events: f.events,
  });
  const user = await f.aUser('ada');
  const upload = async (format: 'jpeg' | 'png' = 'jpeg') => {
    const avatar = Avatar.upload({
      id: f.ids.next(),
      userId: user.id,
      fileName: 'me',
      format,
      sizeBytes: 3,
      width: 640,
      height: 480,
      at: f.clock.now(),
    });
    await f.blobs.put(avatar.storageKey, new Uint8Array([1, 2, 3]), 'image/jpeg');
    await f.unitOfWork.transaction(() => f.avatars.add(avatar));
    const event = envelope(`event-${avatar.id}`, avatar.pullEvents()[0]!);
    return { avatar, handle: () => f.unitOfWork.transaction(() => sut.handle(event)) };
  };
  return { sut, user, upload, ...f };
}

describe('ProcessUploadedAvatar', () => {
  it('stores the sanitised original and both thumbnails in the avatar’s format, then marks it ready', async () => {
    const { upload, blobs, images, metrics } = await makeSut();
    const { avatar, handle } = await upload('png');
    await handle();

    expect(avatar.status).toBe('ready');
    expect(avatar.renditions.map((r) => [r.name, r.width, r.height, r.key])).toEqual([
      ['original', 640, 480, avatar.renditionKey('original', 'png')],
      ['100x100', 100, 100, avatar.renditionKey('100x100', 'png')],
      ['300x300', 300, 300, avatar.renditionKey('300x300', 'png')],
    ]);
    expect(images.renders).toEqual([
      { format: 'png' },
      { format: 'png', size: { width: 100, height: 100 } },
      { format: 'png', size: { width: 300, height: 300 } },
    ]);
    for (const r of avatar.renditions) expect(blobs.objects.get(r.key)?.contentType).toBe('image/png');
    expect([metrics.processed, metrics.thumbnails]).toEqual([['ready'], 2]);
  });

  it('makes a newly ready avatar the user’s shown one, unless they pinned another', async () => {
    const { upload, user, clock, events } = await makeSut();
    const first = await upload();
    await first.handle();
    expect(user.avatarId).toBe(first.avatar.id);
    const announced = () => events.published.filter((e) => e.type === 'user.profile_changed');
    expect(announced().map((e) => e.payload)).toEqual([{ user_id: user.id, changed: ['avatar'] }]);

    user.pinAvatar(first.avatar.id, clock.now());
    user.pullEvents();
    const second = await upload();
    await second.handle();
    expect(user.avatarId).toBe(first.avatar.id);
    expect(announced()).toHaveLength(1);
  });

  it('keeps the newer upload shown when an older one finishes processing after it', async () => {
    const { upload, user, clock, events, avatars } = await makeSut();
    const older = await upload();
    clock.advance(1_000);
    const newer = await upload();
    await newer.handle();
    await older.handle();
    expect(older.avatar.status).toBe('ready');
    expect(user.avatarId).toBe(newer.avatar.id);
    // The same avatar a delete of the shown one would fall back from: the newest ready.
    expect((await avatars.newestReady(user.id, 'none'))?.id).toBe(user.avatarId);
    const announced = events.published.filter((e) => e.type === 'user.profile_changed');
    expect(announced).toHaveLength(1);
  });

  it('changes nothing when the event is delivered again', async () => {
    const { upload, images, metrics } = await makeSut();
    const { avatar, handle } = await upload();
    await handle();
    const renditions = avatar.renditions;
    await handle();
    expect(avatar.renditions).toBe(renditions);
    expect([images.renders.length, metrics.processed.length]).toEqual([3, 1]);
  });

  it('leaves an avatar deleted before it was processed alone', async () => {
    const { upload, user, images } = await makeSut();
    const { avatar, handle } = await upload();
    avatar.deleteBy(user.id, new Date());
    await handle();
    expect([avatar.status, images.renders.length, user.avatarId]).toEqual(['processing', 0, null]);
  });

  it('marks the avatar failed, with the reason, when its pixels cannot be decoded', async () => {
    const { upload, images, metrics, user } = await makeSut();
    images.renderError = new MalformedImage(
      'avatar.image_malformed',
      'The image cannot be decoded: bad huffman.',
    );
    const { avatar, handle } = await upload();
    await handle();
    expect(avatar).toMatchObject({
      status: 'failed',
      failureReason: 'The image cannot be decoded: bad huffman.',
    });
    expect([metrics.processed, user.avatarId]).toEqual([['failed'], null]);
  });

  it('fails the delivery (to be retried) when storage fails, leaving the avatar processing', async () => {
    const { upload, blobs } = await makeSut();
    const { avatar, handle } = await upload();
    blobs.failure = new Error('S3 timeout');
    await expect(handle()).rejects.toThrow('S3 timeout');
    expect(avatar.status).toBe('processing');
    blobs.failure = null;
    await handle();
    expect(avatar.status).toBe('ready');
  });
});
