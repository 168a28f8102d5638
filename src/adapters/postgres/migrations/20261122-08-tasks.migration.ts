import { Migration } from '@mikro-orm/migrations';

/**
 * Personal TODO lists. Both indexes lead with the owner — (user_id) and (user_id, done) —
 * and continue with the list's order, so a page of one user's tasks, filtered by `done` or
 * not, is a range scan; the digest's per-user counts and open titles use the second.
 */
export class CreateTasks extends Migration {
  override name = '20261122-08-tasks';

  override up(): void {
    this.addSql(`
      create table tasks (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        title varchar(200) not null,
        done boolean not null default false,
        done_at timestamptz(3) null,
        created_at timestamptz(3) not null,
        updated_at timestamptz(3) not null,
        constraint tasks_done_at_when_done check (done = (done_at is not null))
      )`);
    this.addSql('create index tasks_user_id_idx on tasks (user_id, created_at desc, id desc)');
    this.addSql('create index tasks_user_id_done_idx on tasks (user_id, done, created_at desc, id desc)');
  }

  override down(): void {
    this.addSql('drop table tasks');
  }
}
