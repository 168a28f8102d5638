import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { MAX_PIXELS, MAX_SIDE, MAX_UPLOAD_BYTES } from './avatar-limits.ts';
import {
  AvatarFileEmpty,
  AvatarNotFound,
  AvatarNotYours,
  AvatarTooLarge,
  TooManyPixels,
} from './avatar.errors.ts';
import { cleanFileName } from './avatar-file-name.ts';
import { extensionOf, formatOfMimeType, mimeTypeOf, type ImageFormat } from './image-format.ts';
import type { Rendition, RenditionName } from './rendition.ts';

export type AvatarStatus = 'processing' | 'ready' | 'failed';

export interface UploadAvatar {
  id: string;
  userId: string;
  fileName: string;
  format: ImageFormat;
  sizeBytes: number;
  /** As displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  at: Date;
}

export interface AvatarUploadedPayload {
  avatar_id: string;
  user_id: string;
  storage_key: string;
  mime_type: string;
}

export interface AvatarDeletedPayload {
  avatar_id: string;
  user_id: string;
  /** Every object of the avatar lives under this prefix, conversions cached later included. */
  storage_prefix: string;
}

/**
 * A picture a user uploaded. It is `processing` until the worker has stored its renditions
 * (`ready`) or given up on it (`failed`); deletion is soft and immediate, the objects are
 * removed afterwards by whoever consumes `avatar.deleted`.
 */
export class Avatar extends AggregateRoot {
  readonly id!: string;
  readonly userId!: string;
  readonly status!: AvatarStatus;
  readonly fileName!: string;
  readonly mimeType!: string;
  readonly sizeBytes!: number;
  readonly width!: number;
  readonly height!: number;
  /** The upload exactly as received: input of the worker, never served (it may carry GPS). */
  readonly storageKey!: string;
  readonly renditions!: readonly Rendition[];
  readonly failureReason!: string | null;
  readonly createdAt!: Date;
  readonly updatedAt!: Date;
  readonly deletedAt!: Date | null;
  /** When the worker removed every stored object (after deletion). */
  readonly purgedAt!: Date | null;

  private constructor() {
    super();
  }

  /** Objects of one avatar share a server-made prefix; nothing of the client's name is in a key. */
  static storagePrefixOf(userId: string, avatarId: string): string {
    return `avatars/${userId}/${avatarId}/`;
  }

  static upload(input: UploadAvatar): Avatar {
    if (input.sizeBytes === 0) throw new AvatarFileEmpty();
    if (input.sizeBytes > MAX_UPLOAD_BYTES) throw new AvatarTooLarge();
    const { width, height } = input;
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
      throw new TooManyPixels(width, height);
    const avatar = new Avatar();
    Object.assign(avatar, {
      id: input.id,
      userId: input.userId,
      status: 'processing',
      fileName: cleanFileName(input.fileName, input.format),
      mimeType: mimeTypeOf(input.format),
      sizeBytes: input.sizeBytes,
      width,
      height,
      storageKey: `${Avatar.storagePrefixOf(input.userId, input.id)}upload`,
      renditions: [],
      failureReason: null,
      createdAt: input.at,
      updatedAt: input.at,
      deletedAt: null,
      purgedAt: null,
    });
    avatar.record(
      domainEvent<'avatar.uploaded', AvatarUploadedPayload>(
        'avatar.uploaded',
        {
          avatar_id: avatar.id,
          user_id: avatar.userId,
          storage_key: avatar.storageKey,
          mime_type: avatar.mimeType,
        },
        input.at,
      ),
    );
    return avatar;
  }

  format(): ImageFormat {
    return formatOfMimeType(this.mimeType);
  }

  isDeleted(): boolean {
    return this.deletedAt !== null;
  }

  storagePrefix(): string {
    return Avatar.storagePrefixOf(this.userId, this.id);
  }

  /** Where a rendition in a given format is (or would be, once converted) stored. */
  renditionKey(name: RenditionName, format: ImageFormat): string {
    return `${this.storagePrefix()}${name}.${extensionOf(format)}`;
  }

  rendition(name: RenditionName): Rendition | undefined {
    return this.renditions.find((r) => r.name === name);
  }

  markReady(renditions: readonly Rendition[], at: Date): void {
    if (this.status !== 'processing') return; // a redelivered job changes nothing
    Object.assign(this, { status: 'ready', renditions: [...renditions], updatedAt: at });
  }

  markFailed(reason: string, at: Date): void {
    if (this.status !== 'processing') return;
    Object.assign(this, { status: 'failed', failureReason: reason.slice(0, 500), updatedAt: at });
  }

  /** Soft delete by its owner; the objects go when `avatar.deleted` is consumed. */
  deleteBy(actorId: string, at: Date): void {
    if (this.isDeleted()) throw new AvatarNotFound(this.id);
    if (actorId !== this.userId) throw new AvatarNotYours();
    Object.assign(this, { deletedAt: at, updatedAt: at });
    this.record(
      domainEvent<'avatar.deleted', AvatarDeletedPayload>(
        'avatar.deleted',
        { avatar_id: this.id, user_id: this.userId, storage_prefix: this.storagePrefix() },
        at,
      ),
    );
  }

  /** Every stored object is gone (idempotent: a redelivered purge keeps the first time). */
  markPurged(at: Date): void {
    if (this.purgedAt) return;
    Object.assign(this, { purgedAt: at });
  }
}
