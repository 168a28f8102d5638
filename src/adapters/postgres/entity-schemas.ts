import type { EntitySchema } from '@mikro-orm/core';
import { EmailVerificationSchema } from './identity/email-verification.schema.ts';
import { ExternalIdentitySchema } from './identity/external-identity.schema.ts';
import { RefreshTokenSchema } from './identity/refresh-token.schema.ts';
import { SsoHandoffSchema } from './identity/sso-handoff.schema.ts';
import { FollowSchema } from './social/follow.schema.ts';
import { LikeSchema } from './social/like.schema.ts';
import { PostSchema } from './social/post.schema.ts';
import { UserSchema } from './users/user.schema.ts';
import { AvatarSchema } from './avatars/avatar.schema.ts';
import { TaskSchema } from './tasks/task.schema.ts';

/** Every aggregate the ORM maps. New contexts add their schemas here. */
export const entitySchemas: EntitySchema[] = [
  UserSchema as EntitySchema,
  PostSchema as EntitySchema,
  FollowSchema as EntitySchema,
  LikeSchema as EntitySchema,
  RefreshTokenSchema as EntitySchema,
  ExternalIdentitySchema as EntitySchema,
  SsoHandoffSchema as EntitySchema,
  EmailVerificationSchema as EntitySchema,
  AvatarSchema as EntitySchema,
  TaskSchema as EntitySchema,
];
