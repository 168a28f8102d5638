import type { AvatarDeletedPayload } from '#domain/avatars/avatar.entity.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { AvatarRepository } from './avatar.repository.ts';
import type { BlobStore } from './blob-store.ts';

/**
 * Removes a deleted avatar's objects (upload, renditions, cached conversions) from storage.
 * Removing is idempotent, so a redelivery after a crash simply removes what is left; a
 * storage error propagates and the delivery is retried.
 */
export class PurgeDeletedAvatar implements EventHandler {
  readonly consumer = 'avatar-storage-cleanup';
  readonly eventTypes = ['avatar.deleted'] as const;
  private readonly avatars: AvatarRepository;
  private readonly blobs: BlobStore;
  private readonly clock: Clock;

  constructor(avatars: AvatarRepository, blobs: BlobStore, clock: Clock) {
    this.avatars = avatars;
    this.blobs = blobs;
    this.clock = clock;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const payload = event.payload as AvatarDeletedPayload;
    await this.blobs.deletePrefix(payload.storage_prefix);
    (await this.avatars.byId(payload.avatar_id))?.markPurged(this.clock.now());
  }
}
