import { Like } from '#domain/social/like.entity.ts';
import { PostNotFound } from '#domain/social/post.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { LikeRepository } from './like.repository.ts';
import type { PostRepository } from './post.repository.ts';

export interface LikePostCommand {
  userId: string;
  postId: string;
}

/** Likes a post. Idempotent: liking it again changes nothing and announces nothing. */
export class LikePost {
  private readonly unitOfWork: UnitOfWork;
  private readonly posts: PostRepository;
  private readonly likes: LikeRepository;
  private readonly events: EventPublisher;
  private readonly clock: Clock;

  constructor(
    unitOfWork: UnitOfWork,
    posts: PostRepository,
    likes: LikeRepository,
    events: EventPublisher,
    clock: Clock,
  ) {
    this.unitOfWork = unitOfWork;
    this.posts = posts;
    this.likes = likes;
    this.events = events;
    this.clock = clock;
  }

  execute({ userId, postId }: LikePostCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      const post = await this.posts.byId(postId);
      if (!post) throw new PostNotFound(postId);
      const like = Like.give(post, userId, this.clock.now());
      // The store decides (race-free) whether this like is new; only a new one is announced.
      if (await this.likes.add(like)) await this.events.publish(like.pullEvents());
    });
  }
}
