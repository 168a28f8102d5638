import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { User } from '#domain/users/user.entity.ts';

export const UserSchema = new EntitySchema<User>({
  // The domain keeps its constructor private; the ORM rehydrates without calling it.
  class: User as unknown as EntityCtor<User>,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', length: 254, unique: 'users_email_key' },
    handle: { type: 'string', length: 30, unique: 'users_handle_key' },
    displayName: { type: 'string', length: 200, fieldName: 'display_name' },
    passwordHash: { type: 'string', columnType: 'text', nullable: true, fieldName: 'password_hash' },
    emailVerifiedAt: {
      type: 'datetime',
      columnType: 'timestamptz',
      nullable: true,
      fieldName: 'email_verified_at',
    },
    role: { type: 'string', length: 20 },
    digestEnabled: { type: 'boolean', fieldName: 'digest_enabled' },
    avatarId: { type: 'uuid', nullable: true, fieldName: 'avatar_id' },
    avatarPinned: { type: 'boolean', fieldName: 'avatar_pinned' },
    // Maintained by SQL increments in the social commands; never part of this entity's updates.
    followersCount: { type: 'integer', fieldName: 'followers_count' },
    followingCount: { type: 'integer', fieldName: 'following_count' },
    postsCount: { type: 'integer', fieldName: 'posts_count' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at' },
  },
});
