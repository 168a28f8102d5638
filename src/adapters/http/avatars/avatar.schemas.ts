import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '#domain/avatars/avatar-limits.ts';
import { IMAGE_FORMATS } from '#domain/avatars/image-format.ts';

/** Request and response shapes of the avatar routes: validated with, and documented from, the same schemas. */

export const AvatarIdParams = z.object({ id: z.uuid() });
export const UserIdParams = z.object({ user_id: z.uuid() });

export const ImageQuery = z.object({
  size: z.enum(['100x100', '300x300', 'original']).default('original'),
  format: z
    .enum(IMAGE_FORMATS)
    .optional()
    .meta({ description: 'Converted on first request and cached; the uploaded format when absent' }),
});

export const ListQuery = z.object({
  cursor: z.string().max(512).optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({
      description:
        'Makes the upload safe to retry: the first 201 is replayed (`Idempotent-Replayed: true`) for the same ' +
        'key and file; the same key with another file is 422.',
    }),
});

export const UploadBody = z
  .object({
    file: z.string().meta({
      format: 'binary',
      description: `A JPEG, PNG or WebP image of at most ${MAX_UPLOAD_BYTES} bytes (format decided by content)`,
    }),
  })
  .meta({ id: 'AvatarUpload' });

const Status = z.enum(['processing', 'ready', 'failed']);

export const CreatedAvatarSchema = z
  .object({ id: z.uuid(), user_id: z.uuid(), url: z.url(), status: Status, created_at: z.iso.datetime() })
  .meta({ id: 'CreatedAvatar' });

export const ThumbnailSchema = z
  .object({
    size: z.enum(['100x100', '300x300']),
    width: z.number().int(),
    height: z.number().int(),
    mime_type: z.string(),
    url: z.url(),
  })
  .meta({ id: 'AvatarThumbnail' });

export const AvatarMetadataSchema = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    status: Status,
    failure_reason: z.string().nullable(),
    file_name: z.string(),
    mime_type: z.string(),
    size: z.number().int().meta({ description: 'Bytes of the upload' }),
    dimensions: z.object({ width: z.number().int(), height: z.number().int() }),
    url: z.url(),
    thumbnails: z.array(ThumbnailSchema).meta({ description: 'Empty until the avatar is ready' }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'AvatarMetadata' });

export const AvatarPageSchema = z
  .object({ items: z.array(AvatarMetadataSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'AvatarPage' });

export const json = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

const binary = z.string().meta({ format: 'binary' });
export const image = (description: string) => ({
  description,
  content: {
    'image/jpeg': { schema: binary },
    'image/png': { schema: binary },
    'image/webp': { schema: binary },
  },
});
