import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { Like } from '#domain/social/like.entity.ts';

/** Read through the ORM; written set-based (`on conflict do nothing`) by PostgresLikeRepository. */
export const LikeSchema = new EntitySchema<Like>({
  class: Like as unknown as EntityCtor<Like>,
  tableName: 'likes',
  properties: {
    userId: { type: 'uuid', primary: true, fieldName: 'user_id' },
    postId: { type: 'uuid', primary: true, fieldName: 'post_id' },
    createdAt: { type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'created_at' },
  },
});
