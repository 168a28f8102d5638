import { PostNotFound } from '#domain/social/post.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { LikeRepository } from './like.repository.ts';
import type { PostRepository } from './post.repository.ts';

export interface UnlikePostCommand {
  userId: string;
  postId: string;
}

/** Takes a like back. Idempotent: unliking a post one does not like changes nothing. */
export class UnlikePost {
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

  execute({ userId, postId }: UnlikePostCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      const post = await this.posts.byId(postId);
      if (!post) throw new PostNotFound(postId);
      const like = await this.likes.find(userId, postId);
      if (!like) return;
      like.withdraw(post, this.clock.now());
      // Two concurrent unlikes both find the like; only the one whose delete took effect announces it.
      if (await this.likes.remove(like)) await this.events.publish(like.pullEvents());
    });
  }
}
