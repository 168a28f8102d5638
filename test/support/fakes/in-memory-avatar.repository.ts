import type { AvatarPosition, AvatarRepository } from '#application/avatars/avatar.repository.ts';
import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

const newestFirst = (a: Avatar, b: Avatar) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const isAfter = (a: Avatar, p: AvatarPosition) =>
  a.createdAt.getTime() < p.createdAt.getTime() ||
  (a.createdAt.getTime() === p.createdAt.getTime() && a.id < p.id);

export class InMemoryAvatarRepository implements AvatarRepository {
  readonly avatars = new Map<string, Avatar>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(avatar: Avatar): Promise<void> {
    this.uow.staged(() => this.avatars.delete(avatar.id));
    this.avatars.set(avatar.id, avatar);
  }

  async byId(id: string): Promise<Avatar | null> {
    return this.avatars.get(id) ?? null;
  }

  async lockById(id: string): Promise<Avatar | null> {
    this.uow.staged(() => {}); // like the real one: only inside a unit of work
    return this.avatars.get(id) ?? null;
  }

  async listByUser(
    userId: string,
    { after, limit }: { after?: AvatarPosition; limit: number },
  ): Promise<Avatar[]> {
    return [...this.avatars.values()]
      .filter((a) => a.userId === userId && !a.isDeleted() && (!after || isAfter(a, after)))
      .sort(newestFirst)
      .slice(0, limit);
  }

  async newestReady(userId: string, excludingId: string): Promise<Avatar | null> {
    return (
      [...this.avatars.values()]
        .filter((a) => a.userId === userId && a.status === 'ready' && !a.isDeleted() && a.id !== excludingId)
        .sort(newestFirst)[0] ?? null
    );
  }
}
