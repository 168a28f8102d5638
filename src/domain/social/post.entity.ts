import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { PostText } from './post-text.ts';
import type { PostCreatedPayload } from './social.events.ts';

export interface CreatePostInput {
  id: string;
  authorId: string;
  text: string;
  at: Date;
}

/**
 * A short text someone published. Immutable once created: there is no method that
 * changes it, so every copy of it (feeds, caches, digests) stays true forever.
 */
export class Post extends AggregateRoot {
  readonly id!: string;
  readonly authorId!: string;
  readonly text!: string;
  readonly createdAt!: Date;
  /**
   * How many people like it: a denormalised count the like commands keep in the same
   * transaction as the like itself; never changed through this object.
   */
  readonly likeCount!: number;

  private constructor() {
    super();
  }

  static create(input: CreatePostInput): Post {
    const post = new Post();
    Object.assign(post, {
      id: input.id,
      authorId: input.authorId,
      text: PostText.parse(input.text).value,
      createdAt: input.at,
      likeCount: 0,
    });
    post.record(
      domainEvent<'post.created', PostCreatedPayload>(
        'post.created',
        { post_id: post.id, author_id: post.authorId, created_at: post.createdAt.toISOString() },
        input.at,
      ),
    );
    return post;
  }
}
