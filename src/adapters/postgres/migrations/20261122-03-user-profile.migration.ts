import { Migration } from '@mikro-orm/migrations';

/** Profile state owned by other contexts but read with every profile: role, digest, avatar, counters. */
export class ExtendUserProfile extends Migration {
  override name = '20261122-03-user-profile';

  override up(): void {
    this.addSql(`
      alter table users
        add column role varchar(20) not null default 'user' check (role in ('user', 'admin')),
        add column digest_enabled boolean not null default true,
        add column avatar_id uuid null,
        add column avatar_pinned boolean not null default false,
        add column followers_count integer not null default 0 check (followers_count >= 0),
        add column following_count integer not null default 0 check (following_count >= 0),
        add column posts_count integer not null default 0 check (posts_count >= 0)`);
  }

  override down(): void {
    this.addSql(`
      alter table users
        drop column role, drop column digest_enabled, drop column avatar_id, drop column avatar_pinned,
        drop column followers_count, drop column following_count, drop column posts_count`);
  }
}
