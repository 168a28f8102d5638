import { Post } from '#domain/social/post.entity.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { PostRepository } from './post.repository.ts';

export interface CreatePostCommand {
  authorId: string;
  text: string;
}

/** Publishes a post: the row, the author's post count and `post.created` commit together. */
export class CreatePost {
  private readonly unitOfWork: UnitOfWork;
  private readonly posts: PostRepository;
  private readonly events: EventPublisher;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;

  constructor(
    unitOfWork: UnitOfWork,
    posts: PostRepository,
    events: EventPublisher,
    ids: IdGenerator,
    clock: Clock,
  ) {
    this.unitOfWork = unitOfWork;
    this.posts = posts;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
  }

  async execute({ authorId, text }: CreatePostCommand): Promise<Post> {
    // Validated before the transaction opens: a rejected text costs no database round trip.
    const post = Post.create({ id: this.ids.next(), authorId, text, at: this.clock.now() });
    return this.unitOfWork.transaction(async () => {
      await this.posts.add(post);
      await this.events.publish(post.pullEvents());
      return post;
    });
  }
}
