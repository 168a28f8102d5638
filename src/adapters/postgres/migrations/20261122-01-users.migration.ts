import { Migration } from '@mikro-orm/migrations';

export class CreateUsers extends Migration {
  override name = '20261122-01-users';

  override up(): void {
    this.addSql(`
      create table users (
        id uuid primary key,
        email varchar(254) not null,
        handle varchar(30) not null,
        display_name varchar(200) not null,
        password_hash text null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint users_email_key unique (email),
        constraint users_handle_key unique (handle)
      )`);
  }

  override down(): void {
    this.addSql('drop table users');
  }
}
