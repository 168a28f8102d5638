import type { SqlEntityManager } from '@mikro-orm/sql';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { translateConstraintViolation } from './constraint-errors.ts';

export class PostgresUnitOfWork implements UnitOfWork {
  private readonly em: SqlEntityManager;
  private readonly afterCommit: () => void;

  /** `afterCommit` tells an outbox relay in this process to look now rather than at its next poll. */
  constructor(em: SqlEntityManager, afterCommit: () => void = () => {}) {
    this.em = em;
    this.afterCommit = afterCommit;
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const outermost = !this.em.getContext(false).isInTransaction();
    let result: T;
    try {
      // Flushes everything staged in the fork, then commits; nested calls become savepoints.
      result = await this.em.transactional(() => work());
    } catch (error) {
      throw translateConstraintViolation(error);
    }
    if (outermost) this.afterCommit();
    return result;
  }
}
