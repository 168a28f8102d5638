import { Migration } from '@mikro-orm/migrations';

export class CreateActivityHourly extends Migration {
  override name = '20261122-04-activity';

  override up(): void {
    this.addSql(`
      create table activity_hourly (
        hour timestamptz not null,
        event_type varchar(100) not null,
        count bigint not null,
        primary key (hour, event_type)
      )`);
  }

  override down(): void {
    this.addSql('drop table activity_hourly');
  }
}
