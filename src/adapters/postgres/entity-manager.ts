import type { SqlEntityManager } from '@mikro-orm/sql';

/**
 * The entity manager of the current scope: the transaction's, else the request's, else
 * a throwaway fork. Reads never touch the global identity map, which would grow forever.
 */
export function scopedEntityManager(em: SqlEntityManager): SqlEntityManager {
  const scoped = em.getContext(false) as SqlEntityManager;
  return scoped.global ? (em.fork() as SqlEntityManager) : scoped;
}

/** The transaction's entity manager; staging a write outside a unit of work is a programming error. */
export function transactionalEntityManager(em: SqlEntityManager): SqlEntityManager {
  const scoped = em.getContext(false) as SqlEntityManager;
  if (!scoped.isInTransaction()) {
    throw new Error('A write was staged outside UnitOfWork.transaction(); wrap the use case in one.');
  }
  return scoped;
}
