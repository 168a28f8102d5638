import type { AvatarPage } from '#application/avatars/list-user-avatars.use-case.ts';
import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { mimeTypeOf } from '#domain/avatars/image-format.ts';
import { THUMBNAIL_SIZES } from '#domain/avatars/rendition.ts';
import { encodeCursor } from '../keyset-cursor.ts';

/** Turns avatars into the contract's snake_case JSON with absolute URLs (`PUBLIC_URL`). */
export class AvatarPresenter {
  private readonly publicUrl: string;

  constructor(publicUrl: string) {
    this.publicUrl = publicUrl.replace(/\/$/, '');
  }

  url(avatarId: string): string {
    return `${this.publicUrl}/api/v1/avatars/${avatarId}`;
  }

  created(avatar: Avatar) {
    return {
      id: avatar.id,
      user_id: avatar.userId,
      url: this.url(avatar.id),
      status: avatar.status,
      created_at: avatar.createdAt.toISOString(),
    };
  }

  metadata(avatar: Avatar) {
    return {
      id: avatar.id,
      user_id: avatar.userId,
      status: avatar.status,
      failure_reason: avatar.failureReason,
      file_name: avatar.fileName,
      mime_type: avatar.mimeType,
      size: avatar.sizeBytes,
      dimensions: { width: avatar.width, height: avatar.height },
      url: this.url(avatar.id),
      thumbnails: THUMBNAIL_SIZES.flatMap((size) => {
        const rendition = avatar.rendition(size);
        if (!rendition) return [];
        const { width, height, format } = rendition;
        return [
          { size, width, height, mime_type: mimeTypeOf(format), url: `${this.url(avatar.id)}?size=${size}` },
        ];
      }),
      created_at: avatar.createdAt.toISOString(),
      updated_at: avatar.updatedAt.toISOString(),
    };
  }

  page(page: AvatarPage) {
    return { items: page.items.map((a) => this.metadata(a)), next_cursor: encodeCursor(page.next) };
  }
}
