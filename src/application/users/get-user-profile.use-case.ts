import type { User } from '#domain/users/user.entity.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from './user.repository.ts';

export interface GetUserProfileQuery {
  userId: string;
}

/** Someone's profile (the caller's own, or anyone's public one: the adapter picks the fields). */
export class GetUserProfile {
  private readonly users: UserRepository;

  constructor(users: UserRepository) {
    this.users = users;
  }

  async execute(query: GetUserProfileQuery): Promise<User> {
    const user = await this.users.byId(query.userId);
    if (!user) throw new UserNotFound(query.userId);
    return user;
  }
}
