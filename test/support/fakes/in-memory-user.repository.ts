import type { UserRepository } from '#application/users/user.repository.ts';
import type { User } from '#domain/users/user.entity.ts';
import { EmailAlreadyRegistered, HandleTaken } from '#domain/users/user.errors.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryUserRepository implements UserRepository {
  readonly users = new Map<string, User>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(user: User): Promise<void> {
    const all = [...this.users.values()];
    if (all.some((u) => u.email === user.email)) throw new EmailAlreadyRegistered();
    if (all.some((u) => u.handle === user.handle)) throw new HandleTaken();
    this.uow.staged(() => this.users.delete(user.id));
    this.users.set(user.id, user);
  }

  async byId(id: string): Promise<User | null> {
    return this.users.get(id) ?? null;
  }

  async lockById(id: string): Promise<User | null> {
    this.uow.staged(() => {}); // like the real one: only inside a unit of work
    return this.users.get(id) ?? null;
  }

  async exists(id: string): Promise<boolean> {
    return this.users.has(id);
  }

  async byEmail(email: string): Promise<User | null> {
    return [...this.users.values()].find((u) => u.email === email) ?? null;
  }

  async byHandle(handle: string): Promise<User | null> {
    return [...this.users.values()].find((u) => u.handle === handle) ?? null;
  }
}
