import type { Avatar, AvatarUploadedPayload } from '#domain/avatars/avatar.entity.ts';
import { MalformedImage } from '#domain/avatars/avatar.errors.ts';
import { mimeTypeOf } from '#domain/avatars/image-format.ts';
import { RENDITION_NAMES, thumbnailDimensions, type Rendition } from '#domain/avatars/rendition.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AvatarMetrics } from './avatar-metrics.ts';
import type { AvatarRepository } from './avatar.repository.ts';
import type { BlobStore } from './blob-store.ts';
import type { ImageProcessor } from './image-processor.ts';

export interface ProcessUploadedAvatarDependencies {
  avatars: AvatarRepository;
  users: UserRepository;
  blobs: BlobStore;
  images: ImageProcessor;
  metrics: AvatarMetrics;
  clock: Clock;
  /** Announces the owner's new shown avatar (`user.profile_changed`). */
  events: EventPublisher;
}

/**
 * The avatar worker: renders the sanitised original and the thumbnails, stores them, and
 * marks the avatar ready (it becomes the user's shown avatar unless they pinned one or a
 * newer upload is ready already) or failed when its pixels cannot be decoded. Storage errors propagate, so the delivery
 * is retried. Idempotent: stored objects are overwritten with the same content, and an
 * avatar that is no longer processing (or deleted meanwhile) is left alone. The avatar is
 * locked first, so a concurrent deletion waits and then purges what was stored here.
 */
export class ProcessUploadedAvatar implements EventHandler {
  readonly consumer = 'avatar-processing';
  readonly eventTypes = ['avatar.uploaded'] as const;
  private readonly deps: ProcessUploadedAvatarDependencies;

  constructor(deps: ProcessUploadedAvatarDependencies) {
    this.deps = deps;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const { avatars, users, blobs, metrics, clock, events } = this.deps;
    const started = clock.now().getTime();
    const avatar = await avatars.lockById((event.payload as AvatarUploadedPayload).avatar_id);
    if (!avatar || avatar.isDeleted() || avatar.status !== 'processing') return;
    const upload = await blobs.get(avatar.storageKey);
    const seconds = () => (clock.now().getTime() - started) / 1000;
    try {
      if (!upload) throw new MalformedImage('avatar.image_malformed', 'The upload is missing from storage.');
      const renditions = await this.renderAll(avatar, upload);
      const at = clock.now();
      avatar.markReady(renditions, at);
      // Locked: two avatars of one user finishing together must not both see the other unready.
      const owner = await users.lockById(avatar.userId);
      owner?.avatarBecameReady(avatar, await avatars.newestReady(avatar.userId, avatar.id), at);
      if (owner) await events.publish(owner.pullEvents());
      metrics.thumbnailsGenerated(renditions.length - 1);
      metrics.processingFinished('ready', seconds());
    } catch (error) {
      if (!(error instanceof MalformedImage)) throw error;
      avatar.markFailed(error.message, clock.now());
      metrics.processingFinished('failed', seconds());
    }
  }

  private async renderAll(avatar: Avatar, upload: Uint8Array): Promise<Rendition[]> {
    const { blobs, images } = this.deps;
    const renditions: Rendition[] = [];
    for (const name of RENDITION_NAMES) {
      const size = name === 'original' ? undefined : thumbnailDimensions(name);
      const image = await images.render(upload, { format: avatar.format(), ...(size ? { size } : {}) });
      const key = avatar.renditionKey(name, image.format);
      await blobs.put(key, image.bytes, mimeTypeOf(image.format));
      const { format, width, height } = image;
      renditions.push({ name, format, key, width, height, bytes: image.bytes.length });
    }
    return renditions;
  }
}
