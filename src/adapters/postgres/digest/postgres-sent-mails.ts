import pg from 'pg';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { SentMails } from '#application/mail/sent-mails.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

const RECORD = 'insert into sent_mails (event_id, sent_at) values ($1, $2) on conflict (event_id) do nothing';
const CHECK = 'select 1 from sent_mails where event_id = $1';

/**
 * `sent_mails` on PostgreSQL: records commit through a small pool of their own, outside
 * the handler's transaction (see `SentMails`). A separate pool, not the ORM's: every
 * handler in flight holds one ORM connection for its transaction, so waiting for a second
 * one from the same pool could deadlock once the pool is exhausted.
 */
export class PostgresSentMails implements SentMails {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 2,
      idleTimeoutMillis: 5_000,
      allowExitOnIdle: true,
      application_name: 'rookery-sent-mails',
    });
  }

  async wasSent(eventId: string): Promise<boolean> {
    return (await this.pool.query(CHECK, [eventId])).rowCount === 1;
  }

  async recordSent(eventId: string, at: Date): Promise<void> {
    await this.pool.query(RECORD, [eventId, at]); // autocommit: durable on return
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * `sent_mails` on PGlite (embedded mode), which has exactly one connection: a transaction
 * of its own cannot run while the handler's is open, so the record joins the handler's
 * transaction and commits with its processed-event record. The embedded mode's file
 * mailer names each file after the message id, so a repeated send rewrites the same file.
 */
export class SingleConnectionSentMails implements SentMails {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async wasSent(eventId: string): Promise<boolean> {
    const rows = await scopedEntityManager(this.em).execute(CHECK.replace('$1', '?'), [eventId]);
    return rows.length === 1;
  }

  async recordSent(eventId: string, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).execute(RECORD.replace('$1', '?').replace('$2', '?'), [
      eventId,
      at,
    ]);
  }
}
