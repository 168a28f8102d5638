import type { SocialHarness } from '../../contracts/social-harness.ts';
import { FixedClock } from './fixed-clock.ts';
import { InMemoryFollowRepository } from './in-memory-follow.repository.ts';
import { InMemoryLikeRepository } from './in-memory-like.repository.ts';
import { InMemoryPostRepository } from './in-memory-post.repository.ts';
import { InMemoryFollowViews, InMemoryPostViews } from './in-memory-social-views.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from './in-memory-user.repository.ts';
import { RecordingEventPublisher } from './recording-event-publisher.ts';
import { SequentialIdGenerator } from './sequential-id-generator.ts';

/** The whole social side in memory, wired as the container wires the real adapters. */
export function inMemorySocial() {
  const unitOfWork = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(unitOfWork);
  const posts = new InMemoryPostRepository(unitOfWork, users);
  const likes = new InMemoryLikeRepository(unitOfWork, posts);
  const follows = new InMemoryFollowRepository(unitOfWork, users);
  return {
    unitOfWork,
    users,
    posts,
    likes,
    follows,
    postViews: new InMemoryPostViews(users, posts, likes),
    followViews: new InMemoryFollowViews(users, follows),
    events: new RecordingEventPublisher(unitOfWork),
    ids: new SequentialIdGenerator(),
    clock: new FixedClock(),
    close: async () => {},
  } satisfies SocialHarness & Record<string, unknown>;
}
