import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { Follow } from '#domain/social/follow.entity.ts';

/** Read through the ORM; written set-based (`on conflict do nothing`) by PostgresFollowRepository. */
export const FollowSchema = new EntitySchema<Follow>({
  class: Follow as unknown as EntityCtor<Follow>,
  tableName: 'follows',
  properties: {
    followerId: { type: 'uuid', primary: true, fieldName: 'follower_id' },
    followeeId: { type: 'uuid', primary: true, fieldName: 'followee_id' },
    createdAt: { type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'created_at' },
  },
});
