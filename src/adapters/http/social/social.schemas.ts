import { z } from 'zod';
import { POST_TEXT_MAX_LENGTH } from '#domain/social/post-text.ts';

/** Request and response shapes of the social routes: validated with, and documented from, the same schemas. */

export const IdParams = z.object({ id: z.uuid() });

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
        'Makes the request safe to retry: the first response is kept 24 h (IDEMPOTENCY_KEY_TTL_HOURS) and ' +
        'replayed with `Idempotent-Replayed: true`; the same key with another body is 422, ' +
        'a retry while the first is running is 409. 1–255 printable ASCII characters, quoted or bare.',
    }),
});

export const CreatePostBody = z
  .object({
    text: z.string().meta({
      description: `1–${POST_TEXT_MAX_LENGTH} characters as people see them (grapheme clusters) after trimming; no control characters but line breaks`,
    }),
  })
  .strict();

export const CreatedPostSchema = z
  .object({ id: z.uuid(), text: z.string(), author_id: z.uuid(), created_at: z.iso.datetime() })
  .meta({ id: 'CreatedPost' });

export const CreatedHeaders = z.object({
  location: z.string().meta({ description: 'The new post: /api/v1/posts/{id}' }),
  'idempotent-replayed': z.literal('true').optional().meta({
    description: 'Present on a replay: this is the stored response of an earlier request with the same key',
  }),
});

export const UserSummarySchema = z
  .object({
    id: z.uuid(),
    handle: z.string(),
    display_name: z.string(),
    avatar_url: z.url().nullable(),
  })
  .meta({ id: 'UserSummary' });

export const PostSchema = z
  .object({
    id: z.uuid(),
    text: z.string(),
    created_at: z.iso.datetime(),
    author: UserSummarySchema,
    like_count: z.number().int().min(0),
    liked_by_me: z.boolean(),
  })
  .meta({ id: 'Post' });

export const PostPageSchema = z
  .object({ items: z.array(PostSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'PostPage' });

export const FollowSchema = UserSummarySchema.extend({ followed_at: z.iso.datetime() }).meta({
  id: 'FollowListItem',
});

export const FollowPageSchema = z
  .object({ items: z.array(FollowSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'FollowPage' });

export const json = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});
