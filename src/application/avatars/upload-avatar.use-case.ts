import { Avatar } from '#domain/avatars/avatar.entity.ts';
import { MAX_UPLOAD_BYTES } from '#domain/avatars/avatar-limits.ts';
import { AvatarFileEmpty, AvatarTooLarge } from '#domain/avatars/avatar.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { AvatarRepository } from './avatar.repository.ts';
import type { BlobStore } from './blob-store.ts';
import type { ImageProcessor } from './image-processor.ts';

export interface UploadAvatarDependencies {
  unitOfWork: UnitOfWork;
  avatars: AvatarRepository;
  blobs: BlobStore;
  images: ImageProcessor;
  events: EventPublisher;
  ids: IdGenerator;
  clock: Clock;
}

export interface UploadAvatarCommand {
  userId: string;
  /** As the client named it: only shown back in metadata. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Accepts an image after checking its content (format by signature, dimensions from the
 * header), stores it as received under a server-made key, and records the avatar as
 * `processing`; the worker makes the renditions when `avatar.uploaded` reaches it.
 */
export class UploadAvatar {
  private readonly deps: UploadAvatarDependencies;

  constructor(deps: UploadAvatarDependencies) {
    this.deps = deps;
  }

  async execute({ userId, fileName, bytes }: UploadAvatarCommand): Promise<Avatar> {
    const { unitOfWork, avatars, blobs, images, events, ids, clock } = this.deps;
    if (bytes.length === 0) throw new AvatarFileEmpty();
    if (bytes.length > MAX_UPLOAD_BYTES) throw new AvatarTooLarge();
    const info = await images.inspect(bytes);
    const avatar = Avatar.upload({
      id: ids.next(),
      userId,
      fileName,
      sizeBytes: bytes.length,
      ...info,
      at: clock.now(),
    });
    // Stored before the row commits, so a committed row never points at a missing object;
    // a failed commit leaves an unreferenced object behind, which is harmless.
    await blobs.put(avatar.storageKey, bytes, avatar.mimeType);
    await unitOfWork.transaction(async () => {
      await avatars.add(avatar);
      await events.publish(avatar.pullEvents());
    });
    return avatar;
  }
}
