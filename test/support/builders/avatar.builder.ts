import { randomUUID } from 'node:crypto';
import { Avatar, type UploadAvatar } from '#domain/avatars/avatar.entity.ts';
import { RENDITION_NAMES, thumbnailDimensions, type Rendition } from '#domain/avatars/rendition.ts';

let sequence = 0;

/** A freshly uploaded avatar (`processing`); every call is unique unless told otherwise. */
export function anAvatar(overrides: Partial<UploadAvatar> = {}): Avatar {
  sequence++;
  return Avatar.upload({
    id: randomUUID(),
    userId: randomUUID(),
    fileName: `photo-${sequence}.jpg`,
    format: 'jpeg',
    sizeBytes: 1000 + sequence,
    width: 640,
    height: 480,
    at: new Date(Date.UTC(2026, 10, 22, 9, 0, sequence)),
    ...overrides,
  });
}

/** The renditions the worker would store for `avatar`. */
export function renditionsOf(avatar: Avatar): Rendition[] {
  return RENDITION_NAMES.map((name) => {
    const size =
      name === 'original' ? { width: avatar.width, height: avatar.height } : thumbnailDimensions(name);
    return {
      name,
      format: avatar.format(),
      key: avatar.renditionKey(name, avatar.format()),
      ...size,
      bytes: 100,
    };
  });
}

/** An avatar the worker finished. */
export function aReadyAvatar(overrides: Partial<UploadAvatar> = {}): Avatar {
  const avatar = anAvatar(overrides);
  avatar.pullEvents();
  avatar.markReady(renditionsOf(avatar), new Date(avatar.createdAt.getTime() + 1000));
  return avatar;
}
