import { Migration } from '@mikro-orm/migrations';

/**
 * Every event increments its (hour, type) counter, so under load all consumers queued on
 * one row lock. Spreading each counter over a few rows (summed when read) removes the queue.
 */
export class ShardActivityHourly extends Migration {
  override name = '20261122-11-activity-shards';

  override up(): void {
    this.addSql('alter table activity_hourly add column shard smallint not null default 0');
    this.addSql('alter table activity_hourly drop constraint activity_hourly_pkey');
    this.addSql('alter table activity_hourly add primary key (hour, event_type, shard)');
  }

  override down(): void {
    this.addSql(`
      create table activity_hourly_merged as
        select hour, event_type, sum(count)::bigint as count from activity_hourly group by hour, event_type`);
    this.addSql('drop table activity_hourly');
    this.addSql('alter table activity_hourly_merged rename to activity_hourly');
    this.addSql('alter table activity_hourly add primary key (hour, event_type)');
  }
}
