import { describe, expect, it } from '@jest/globals';
import { Avatar } from '#domain/avatars/avatar.entity.ts';
import {
  AvatarFileEmpty,
  AvatarNotFound,
  AvatarNotYours,
  AvatarTooLarge,
  TooManyPixels,
} from '#domain/avatars/avatar.errors.ts';
import { MAX_UPLOAD_BYTES } from '#domain/avatars/avatar-limits.ts';
import { renditionsOf } from '../../../support/builders/avatar.builder.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const later = new Date('2026-11-22T09:00:05.000Z');
const upload = (overrides: Partial<Parameters<typeof Avatar.upload>[0]> = {}) =>
  Avatar.upload({
    id: 'a-1',
    userId: 'u-1',
    fileName: 'me.jpg',
    format: 'jpeg',
    sizeBytes: 2048,
    width: 1600,
    height: 1200,
    at,
    ...overrides,
  });

describe('Avatar.upload', () => {
  it('starts processing, stored under a key the server made, and records avatar.uploaded', () => {
    const avatar = upload({ fileName: '../../etc/passwd.jpg' });
    expect(avatar).toMatchObject({
      status: 'processing',
      mimeType: 'image/jpeg',
      storageKey: 'avatars/u-1/a-1/upload',
    });
    expect(avatar.pullEvents()).toEqual([
      {
        type: 'avatar.uploaded',
        version: 1,
        occurredAt: at,
        payload: {
          avatar_id: 'a-1',
          user_id: 'u-1',
          storage_key: 'avatars/u-1/a-1/upload',
          mime_type: 'image/jpeg',
        },
      },
    ]);
  });

  it.each([
    ['C:\\Users\\ada\\photo.png', 'photo.png'],
    ['dir/sub/name.webp', 'name.webp'],
    ['  spaced\u0000\u202e name.jpg ', 'spaced name.jpg'],
    ['', 'avatar.jpg'],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('keeps only a displayable base name of %j', (raw, kept) => {
    expect(upload({ fileName: raw }).fileName).toBe(kept);
  });

  it('accepts exactly 10 MiB and refuses one byte more', () => {
    expect(upload({ sizeBytes: MAX_UPLOAD_BYTES }).sizeBytes).toBe(MAX_UPLOAD_BYTES);
    expect(() => upload({ sizeBytes: MAX_UPLOAD_BYTES + 1 })).toThrow(AvatarTooLarge);
  });

  it('refuses an empty file', () => {
    expect(() => upload({ sizeBytes: 0 })).toThrow(AvatarFileEmpty);
  });

  it.each([
    [100_000, 100_000],
    [16_384, 10],
    [8_000, 6_000],
    [0, 10],
  ])('refuses a %i×%i canvas before anything decodes it', (width, height) => {
    expect(() => upload({ width, height })).toThrow(TooManyPixels);
  });

  it('accepts a 40 MP photo', () => {
    expect(upload({ width: 8_000, height: 5_000 }).width).toBe(8_000);
  });
});

describe('Avatar processing', () => {
  it('becomes ready with its renditions, once', () => {
    const avatar = upload();
    avatar.markReady(renditionsOf(avatar), later);
    avatar.markFailed('too late', later);
    expect(avatar).toMatchObject({ status: 'ready', updatedAt: later, failureReason: null });
    expect(avatar.rendition('100x100')).toMatchObject({
      width: 100,
      height: 100,
      key: 'avatars/u-1/a-1/100x100.jpg',
    });
  });

  it('keeps why it failed', () => {
    const avatar = upload();
    avatar.markFailed('cannot decode', later);
    expect(avatar).toMatchObject({ status: 'failed', failureReason: 'cannot decode' });
  });

  it('names the key of a rendition converted to another format', () => {
    expect(upload().renditionKey('300x300', 'webp')).toBe('avatars/u-1/a-1/300x300.webp');
  });
});

describe('Avatar deletion', () => {
  it('is soft, by the owner only, and records avatar.deleted with the storage prefix', () => {
    const avatar = upload();
    avatar.pullEvents();
    expect(() => avatar.deleteBy('u-2', later)).toThrow(AvatarNotYours);
    avatar.deleteBy('u-1', later);
    expect(avatar.isDeleted()).toBe(true);
    expect(avatar.pullEvents()).toEqual([
      {
        type: 'avatar.deleted',
        version: 1,
        occurredAt: later,
        payload: { avatar_id: 'a-1', user_id: 'u-1', storage_prefix: 'avatars/u-1/a-1/' },
      },
    ]);
  });

  it('cannot be deleted twice', () => {
    const avatar = upload();
    avatar.deleteBy('u-1', later);
    expect(() => avatar.deleteBy('u-1', later)).toThrow(AvatarNotFound);
  });

  it('remembers when its objects were first purged', () => {
    const avatar = upload();
    avatar.markPurged(later);
    avatar.markPurged(new Date('2027-01-01T00:00:00Z'));
    expect(avatar.purgedAt).toEqual(later);
  });
});
