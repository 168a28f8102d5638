import { z } from 'zod';
import type { UserProfileChangedPayload, UserRegisteredPayload } from '#domain/users/user.entity.ts';
import type {
  PostCreatedPayload,
  PostLikedPayload,
  PostUnlikedPayload,
  UserFollowedPayload,
  UserUnfollowedPayload,
} from '#domain/social/social.events.ts';
import type { AvatarDeletedPayload, AvatarUploadedPayload } from '#domain/avatars/avatar.entity.ts';
import type { TaskCompletedPayload, TaskCreatedPayload } from '#domain/tasks/task.entity.ts';
import type { DailyDigestPayload } from '#domain/digest/daily-digest.ts';
import type { EmailVerificationRequestedPayload } from '#domain/identity/email-verification.entity.ts';
import type {
  CelebrityPromotedPayload,
  FanOutContinuedPayload,
  FeedsInvalidatedPayload,
  PostDeliveredPayload,
} from '#domain/feed/feed.events.ts';

/**
 * Every event type Rookery publishes, with the schema of its payload. Consumers validate
 * what arrives against it, so a malformed or unknown message is dead-lettered at once
 * instead of crashing a handler. docs/events.md describes each one.
 */
export type EventSchemas = Readonly<Record<string, z.ZodType<object>>>;

const uuid = z.uuid();

export const rookeryEventSchemas: EventSchemas = {
  'avatar.uploaded': z.object({
    avatar_id: uuid,
    user_id: uuid,
    storage_key: z.string().min(1),
    mime_type: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  }) satisfies z.ZodType<AvatarUploadedPayload>,
  'avatar.deleted': z.object({
    avatar_id: uuid,
    user_id: uuid,
    storage_prefix: z.string().min(1),
  }) satisfies z.ZodType<AvatarDeletedPayload>,
  'user.registered': z.object({
    user_id: uuid,
    handle: z.string().min(1),
  }) satisfies z.ZodType<UserRegisteredPayload>,
  'user.email_verification_requested': z.object({
    verification_id: uuid,
    user_id: uuid,
  }) satisfies z.ZodType<EmailVerificationRequestedPayload>,
  'user.profile_changed': z.object({
    user_id: uuid,
    changed: z.array(z.enum(['display_name', 'avatar'])).min(1),
  }) satisfies z.ZodType<UserProfileChangedPayload>,
  'post.created': z.object({
    post_id: uuid,
    author_id: uuid,
    created_at: z.iso.datetime(),
  }) satisfies z.ZodType<PostCreatedPayload>,
  'post.liked': z.object({
    post_id: uuid,
    user_id: uuid,
    author_id: uuid,
  }) satisfies z.ZodType<PostLikedPayload>,
  'post.unliked': z.object({
    post_id: uuid,
    user_id: uuid,
    author_id: uuid,
  }) satisfies z.ZodType<PostUnlikedPayload>,
  'user.followed': z.object({
    follower_id: uuid,
    followee_id: uuid,
  }) satisfies z.ZodType<UserFollowedPayload>,
  'user.unfollowed': z.object({
    follower_id: uuid,
    followee_id: uuid,
  }) satisfies z.ZodType<UserUnfollowedPayload>,
  'feed.fanout_continued': z.object({
    post_id: uuid,
    author_id: uuid,
    created_at: z.iso.datetime(),
    after: z.object({ followed_at: z.iso.datetime(), follower_id: uuid }),
  }) satisfies z.ZodType<FanOutContinuedPayload>,
  'feed.post_delivered': z.object({
    post_id: uuid,
    author_id: uuid,
    created_at: z.iso.datetime(),
    owner_ids: z.array(uuid).min(1),
  }) satisfies z.ZodType<PostDeliveredPayload>,
  'feed.invalidated': z.object({
    owner_ids: z.array(uuid).min(1),
  }) satisfies z.ZodType<FeedsInvalidatedPayload>,
  'feed.celebrity_promoted': z.object({ author_id: uuid }) satisfies z.ZodType<CelebrityPromotedPayload>,
  'task.created': z.object({
    task_id: uuid,
    user_id: uuid,
  }) satisfies z.ZodType<TaskCreatedPayload>,
  'task.completed': z.object({
    task_id: uuid,
    user_id: uuid,
    done_at: z.iso.datetime(),
  }) satisfies z.ZodType<TaskCompletedPayload>,
  'email.daily_digest.requested': z.object({
    user_id: uuid,
    email: z.string().min(3).max(254),
    display_name: z.string(),
    digest_date: z.iso.date(),
    stats: z.object({
      total: z.number().int().min(0),
      done: z.number().int().min(0),
      undone: z.number().int().min(0),
    }),
    undone_titles: z.array(z.string()),
    activity: z.object({
      new_posts: z.number().int().min(0),
      posts: z.array(
        z.object({
          post_id: uuid,
          author_handle: z.string(),
          text: z.string(),
          like_count: z.number().int().min(0),
        }),
      ),
      likes_received: z.number().int().min(0),
      new_followers: z.number().int().min(0),
      follower_handles: z.array(z.string()),
    }),
  }) satisfies z.ZodType<DailyDigestPayload>,
};

export class EventCatalog {
  private readonly schemas: EventSchemas;

  constructor(schemas: EventSchemas = rookeryEventSchemas) {
    this.schemas = schemas;
  }

  get types(): string[] {
    return Object.keys(this.schemas);
  }

  schemaOf(type: string): z.ZodType<object> | undefined {
    return this.schemas[type];
  }

  extendedWith(more: EventSchemas): EventCatalog {
    return new EventCatalog({ ...this.schemas, ...more });
  }
}
