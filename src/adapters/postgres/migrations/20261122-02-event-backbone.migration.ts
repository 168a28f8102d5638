import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox, consumer idempotency records, and the queue tables of the
 * embedded event bus (used when no broker is configured, so events survive restarts there too).
 */
export class CreateEventBackbone extends Migration {
  override name = '20261122-02-event-backbone';

  override up(): void {
    this.addSql(`
      create table outbox (
        position bigint generated always as identity primary key,
        event_id uuid not null,
        type varchar(100) not null,
        version int not null,
        occurred_at timestamptz not null,
        payload jsonb not null,
        headers jsonb not null default '{}',
        created_at timestamptz not null default now(),
        published_at timestamptz null,
        attempts int not null default 0,
        available_at timestamptz not null default now(),
        last_error text null,
        constraint outbox_event_id_key unique (event_id)
      )`);
    this.addSql(
      'create index outbox_pending_idx on outbox (available_at, position) where published_at is null',
    );
    this.addSql('create index outbox_published_idx on outbox (published_at) where published_at is not null');
    // One notification per committing transaction (identical payloads are folded by PostgreSQL).
    this.addSql(`
      create function outbox_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('rookery_outbox', '');
        return null;
      end $$`);
    this.addSql(
      'create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify()',
    );

    this.addSql(`
      create table processed_events (
        consumer varchar(100) not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      )`);
    this.addSql('create index processed_events_processed_at_idx on processed_events (processed_at)');

    this.addSql(`
      create table bus_deliveries (
        id bigint generated always as identity primary key,
        consumer varchar(100) not null,
        event_id uuid not null,
        message jsonb not null,
        attempt int not null default 1,
        available_at timestamptz not null default now(),
        locked_until timestamptz null,
        dead_lettered_at timestamptz null,
        last_error text null,
        created_at timestamptz not null default now()
      )`);
    this.addSql(
      'create index bus_deliveries_ready_idx on bus_deliveries (consumer, available_at, id) where dead_lettered_at is null',
    );
    this.addSql(
      'create index bus_deliveries_dead_idx on bus_deliveries (consumer, dead_lettered_at) where dead_lettered_at is not null',
    );
  }

  override down(): void {
    this.addSql('drop table bus_deliveries');
    this.addSql('drop table processed_events');
    this.addSql('drop trigger outbox_notify on outbox');
    this.addSql('drop function outbox_notify');
    this.addSql('drop table outbox');
  }
}
