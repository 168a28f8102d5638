import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

export interface UnsubscribeFromDigestCommand {
  token: string;
}

/**
 * One-click unsubscribe (RFC 8058): the signed token alone identifies the user, no
 * login. Repeating it, or using it for an account that is gone, still succeeds: mail
 * clients may POST more than once and must never see an error for it.
 */
export class UnsubscribeFromDigest {
  private readonly unitOfWork: UnitOfWork;
  private readonly users: UserRepository;
  private readonly links: UnsubscribeLinks;
  private readonly clock: Clock;

  constructor(unitOfWork: UnitOfWork, users: UserRepository, links: UnsubscribeLinks, clock: Clock) {
    this.unitOfWork = unitOfWork;
    this.users = users;
    this.links = links;
    this.clock = clock;
  }

  async execute({ token }: UnsubscribeFromDigestCommand): Promise<void> {
    const userId = this.links.userIdFrom(token);
    return this.unitOfWork.transaction(async () => {
      const user = await this.users.byId(userId);
      if (user?.digestEnabled) user.subscribeToDigest(false, this.clock.now());
    });
  }
}
