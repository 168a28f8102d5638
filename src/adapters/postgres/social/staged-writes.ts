import type { SqlEntityManager } from '@mikro-orm/sql';
import { transactionalEntityManager } from '../entity-manager.ts';

/**
 * The transaction's entity manager, with what the ORM has staged in it written first:
 * set-based SQL must see rows staged earlier in the same unit of work (e.g. a user
 * persisted a moment ago), which otherwise reach the database only at commit.
 */
export async function flushedTransaction(em: SqlEntityManager): Promise<SqlEntityManager> {
  const tx = transactionalEntityManager(em);
  await tx.flush();
  return tx;
}
