import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

export interface UnsubscribeFromDigestCommand {
  token: string;
}

export interface UnsubscribeFromDigestDeps {
  unitOfWork: UnitOfWork;
  users: UserRepository;
  links: UnsubscribeLinks;
  clock: Clock;
}

/**
 * One-click unsubscribe (RFC 8058): the signed token alone identifies the user, no
 * login. Repeating it, or using it for an account that is gone, still succeeds: mail
 * clients may POST more than once and must never see an error for it.
 */
export class UnsubscribeFromDigest {
  private readonly deps: UnsubscribeFromDigestDeps;

  constructor(deps: UnsubscribeFromDigestDeps) {
    this.deps = deps;
  }

  async execute({ token }: UnsubscribeFromDigestCommand): Promise<void> {
    const userId = this.deps.links.userIdFrom(token);
    return this.deps.unitOfWork.transaction(async () => {
      const user = await this.deps.users.byId(userId);
      if (user?.digestEnabled) user.subscribeToDigest(false, this.deps.clock.now());
    });
  }
}
