import { AvatarImageSource } from '#application/avatars/avatar-image-source.ts';
import { User } from '#domain/users/user.entity.ts';
import { FakeImageProcessor } from '../fakes/fake-image-processor.ts';
import { FixedClock } from '../fakes/fixed-clock.ts';
import { InMemoryAvatarRepository } from '../fakes/in-memory-avatar.repository.ts';
import { InMemoryBlobStore } from '../fakes/in-memory-blob-store.ts';
import { InMemoryUnitOfWork } from '../fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../fakes/in-memory-user.repository.ts';
import { RecordingAvatarMetrics } from '../fakes/recording-avatar-metrics.ts';
import { SequentialIdGenerator } from '../fakes/sequential-id-generator.ts';
import type { DomainEvent } from '#domain/shared/domain-event.ts';
import type { EventPublisher } from '#application/shared/event-publisher.ts';

/** Records what would go to the outbox (and refuses writes outside a unit of work, like the real one). */
export class RecordingEventPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async publish(events: readonly DomainEvent[]): Promise<string[]> {
    this.uow.staged(() => this.published.splice(this.published.length - events.length, events.length));
    this.published.push(...events);
    return events.map((_, i) => `event-${this.published.length - events.length + i}`);
  }
}

/** Every fake the avatar use cases need, wired together. */
export function avatarFakes() {
  const unitOfWork = new InMemoryUnitOfWork();
  const avatars = new InMemoryAvatarRepository(unitOfWork);
  const users = new InMemoryUserRepository(unitOfWork);
  const blobs = new InMemoryBlobStore();
  const images = new FakeImageProcessor();
  const metrics = new RecordingAvatarMetrics();
  const events = new RecordingEventPublisher(unitOfWork);
  const clock = new FixedClock();
  const ids = new SequentialIdGenerator();
  const source = new AvatarImageSource(blobs, images, metrics);
  const aUser = async (handle = `user_${users.users.size + 1}`) => {
    const user = User.register({
      id: ids.next(),
      email: `${handle}@example.com`,
      handle,
      passwordHash: null,
      at: clock.now(),
    });
    await unitOfWork.transaction(() => users.add(user));
    user.pullEvents(); // stored: as if loaded from the database, with nothing pending
    return user;
  };
  return { unitOfWork, avatars, users, blobs, images, metrics, events, clock, ids, source, aUser };
}
