import { z } from 'zod';
import { CreatedPostSchema, UserSummarySchema } from '../social/social.schemas.ts';

/** Shapes of the feed routes: validated with, and documented from, the same schemas. */

export const FeedItemSchema = z
  .object({
    post: CreatedPostSchema,
    author: UserSummarySchema,
    like_count: z.number().int().min(0),
    liked_by_me: z.boolean(),
  })
  .meta({ id: 'FeedItem' });

export const FeedPageSchema = z
  .object({
    items: z.array(FeedItemSchema),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass back as `cursor` for the next page; null at the end.' }),
  })
  .meta({ id: 'FeedPage' });
