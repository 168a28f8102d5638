import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import type { Post } from './post.entity.ts';
import type { PostLikedPayload, PostUnlikedPayload } from './social.events.ts';

/**
 * Someone likes a post. At most one per (user, post): the repository stores a repeated
 * like as nothing, and only a like that was stored announces itself.
 */
export class Like extends AggregateRoot {
  readonly userId!: string;
  readonly postId!: string;
  readonly createdAt!: Date;

  private constructor() {
    super();
  }

  static give(post: Post, userId: string, at: Date): Like {
    const like = new Like();
    Object.assign(like, { userId, postId: post.id, createdAt: at });
    like.record(
      domainEvent<'post.liked', PostLikedPayload>(
        'post.liked',
        { post_id: post.id, user_id: userId, author_id: post.authorId },
        at,
      ),
    );
    return like;
  }

  /** Takes the like back; `post` is the liked post (its author is part of the event). */
  withdraw(post: Post, at: Date): void {
    if (post.id !== this.postId) throw new Error(`Like of ${this.postId} withdrawn against post ${post.id}.`);
    this.record(
      domainEvent<'post.unliked', PostUnlikedPayload>(
        'post.unliked',
        { post_id: post.id, user_id: this.userId, author_id: post.authorId },
        at,
      ),
    );
  }
}
