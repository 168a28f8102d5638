import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DigestRecipients } from '#application/digest/digest-recipients.ts';
import type { DigestRecipient } from '#domain/digest/daily-digest.ts';
import { scopedEntityManager } from '../entity-manager.ts';

export class PostgresDigestRecipients implements DigestRecipients {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async after(afterUserId: string | null, limit: number): Promise<DigestRecipient[]> {
    // A range scan of the partial index users (id) where digest_enabled; unverified addresses get no mail.
    const rows = await scopedEntityManager(this.em).execute<
      { id: string; email: string; display_name: string }[]
    >(
      `select id, email, display_name from users
        where digest_enabled and email_verified_at is not null ${afterUserId ? 'and id > ?' : ''}
        order by id limit ?`,
      afterUserId ? [afterUserId, limit] : [limit],
    );
    return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name }));
  }
}
