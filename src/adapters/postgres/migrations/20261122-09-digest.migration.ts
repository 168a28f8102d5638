import { Migration } from '@mikro-orm/migrations';

/**
 * The daily digest's idempotency: a run per date (its keyset cursor, so a dead run
 * resumes), a record per (date, user) whose digest was requested, and a record per
 * digest event whose mail the SMTP server accepted.
 */
export class CreateDigest extends Migration {
  override name = '20261122-09-digest';

  override up(): void {
    this.addSql(`
      create table digest_runs (
        digest_date date primary key,
        status varchar(20) not null check (status in ('running', 'completed', 'skipped')),
        cursor uuid null,
        users_processed integer not null default 0,
        digests_requested integer not null default 0,
        started_at timestamptz not null,
        updated_at timestamptz not null,
        finished_at timestamptz null
      )`);
    // No foreign key to users: a record outlives its user harmlessly and costs no lock on users.
    this.addSql(`
      create table digest_requests (
        digest_date date not null,
        user_id uuid not null,
        event_id uuid null,
        requested_at timestamptz not null,
        primary key (digest_date, user_id)
      )`);
    this.addSql('create index digest_requests_event_idx on digest_requests (event_id)');
    this.addSql(`
      create table sent_mails (
        event_id uuid primary key,
        sent_at timestamptz not null
      )`);
    this.addSql('create index sent_mails_sent_at_idx on sent_mails (sent_at)');
    // The run's keyset walk over recipients skips opted-out users without visiting them.
    this.addSql('create index users_digest_recipients_idx on users (id) where digest_enabled');
  }

  override down(): void {
    this.addSql('drop index users_digest_recipients_idx');
    this.addSql('drop table sent_mails');
    this.addSql('drop table digest_requests');
    this.addSql('drop table digest_runs');
  }
}
