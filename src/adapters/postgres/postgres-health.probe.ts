import type { SqlEntityManager } from '@mikro-orm/sql';
import type { HealthProbe } from '#application/operations/health-probe.ts';

export class PostgresHealthProbe implements HealthProbe {
  readonly name = 'db';
  readonly required = true;
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async check(): Promise<void> {
    await this.em.getConnection().execute('select 1');
  }
}
