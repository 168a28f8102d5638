import type { AvatarPage } from '#application/avatars/list-user-avatars.use-case.ts';
import type { AvatarPosition } from '#application/avatars/avatar.repository.ts';
import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { mimeTypeOf } from '#domain/avatars/image-format.ts';
import { THUMBNAIL_SIZES } from '#domain/avatars/rendition.ts';
import { RequestValidationError } from '../request-validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** Opaque list cursors: base64url of `[created_at, id]`; clients pass `next_cursor` back unchanged. */
export function encodeCursor(position: AvatarPosition | null): string | null {
  if (!position) return null;
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): AvatarPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string') {
      const createdAt = new Date(parsed[0]);
      const id: unknown = parsed[1];
      if (!Number.isNaN(createdAt.getTime()) && typeof id === 'string' && UUID.test(id))
        return { createdAt, id };
    }
  } catch {
    // reported below
  }
  throw new RequestValidationError('query', [
    { path: 'cursor', message: 'not a cursor this API returned (pass next_cursor back unchanged)' },
  ]);
}
