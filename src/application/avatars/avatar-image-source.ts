import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { AvatarNotFound, AvatarProcessingFailed, RenditionNotReady } from '#domain/avatars/avatar.errors.ts';
import { mimeTypeOf, type ImageFormat } from '#domain/avatars/image-format.ts';
import type { RenditionName } from '#domain/avatars/rendition.ts';
import type { AvatarMetrics } from './avatar-metrics.ts';
import type { BlobStore } from './blob-store.ts';
import type { ImageProcessor } from './image-processor.ts';

export interface ServedImage {
  avatarId: string;
  bytes: Uint8Array;
  format: ImageFormat;
  /**
   * False while the avatar is processing: the original is then sanitised from the upload on
   * first request (so no metadata ever leaves) and may still be replaced, so caches revalidate.
   */
  final: boolean;
}

/**
 * The bytes of one rendition of a live avatar in the asked format: the stored rendition, or
 * a conversion of it that is stored on first use and served from storage afterwards.
 */
export class AvatarImageSource {
  private readonly blobs: BlobStore;
  private readonly images: ImageProcessor;
  private readonly metrics: AvatarMetrics;

  constructor(blobs: BlobStore, images: ImageProcessor, metrics: AvatarMetrics) {
    this.blobs = blobs;
    this.images = images;
    this.metrics = metrics;
  }

  async image(avatar: Avatar, size: RenditionName, asked?: ImageFormat): Promise<ServedImage> {
    const format = asked ?? avatar.format();
    if (avatar.status === 'failed') throw new AvatarProcessingFailed(avatar.failureReason ?? 'unknown');
    if (avatar.status === 'processing') {
      if (size !== 'original') throw new RenditionNotReady();
      // Stored where the worker will store the same bytes (same input, same pipeline), so
      // repeated requests before it runs decode the upload once, not once each.
      const key = avatar.renditionKey('original', format);
      const bytes = (await this.blobs.get(key)) ?? (await this.sanitise(avatar, key, format));
      return { avatarId: avatar.id, bytes, format, final: false };
    }
    const rendition = avatar.rendition(size);
    if (!rendition) throw new RenditionNotReady();
    if (rendition.format === format) {
      return { avatarId: avatar.id, bytes: await this.read(avatar, rendition.key), format, final: true };
    }
    const key = avatar.renditionKey(size, format);
    const cached = await this.blobs.get(key);
    this.metrics.conversionServed(cached ? 'hit' : 'miss');
    if (cached) return { avatarId: avatar.id, bytes: cached, format, final: true };
    const converted = await this.images.render(await this.read(avatar, rendition.key), { format });
    await this.blobs.put(key, converted.bytes, mimeTypeOf(format));
    return { avatarId: avatar.id, bytes: converted.bytes, format, final: true };
  }

  private async sanitise(avatar: Avatar, key: string, format: ImageFormat): Promise<Uint8Array> {
    const image = await this.images.render(await this.read(avatar, avatar.storageKey), { format });
    await this.blobs.put(key, image.bytes, mimeTypeOf(format));
    return image.bytes;
  }

  /** Objects only vanish when a deleted avatar is purged: a missing one means "gone". */
  private async read(avatar: Avatar, key: string): Promise<Uint8Array> {
    const bytes = await this.blobs.get(key);
    if (!bytes) throw new AvatarNotFound(avatar.id);
    return bytes;
  }
}
