import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { Post } from '#domain/social/post.entity.ts';

export const PostSchema = new EntitySchema<Post>({
  // The domain keeps its constructor private; the ORM rehydrates without calling it.
  class: Post as unknown as EntityCtor<Post>,
  tableName: 'posts',
  properties: {
    id: { type: 'uuid', primary: true },
    authorId: { type: 'uuid', fieldName: 'author_id' },
    text: { type: 'string', columnType: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'created_at' },
    // Maintained by SQL increments in the like commands; never part of this entity's updates.
    likeCount: { type: 'integer', fieldName: 'like_count' },
  },
});
