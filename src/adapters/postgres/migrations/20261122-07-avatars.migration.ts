import { Migration } from '@mikro-orm/migrations';

/**
 * Avatars: one row per upload. Deletion is soft (`deleted_at`, then `purged_at` once the
 * worker removed the objects), so every read filters on `deleted_at is null`.
 */
export class CreateAvatars extends Migration {
  override name = '20261122-07-avatars';

  override up(): void {
    this.addSql(`
      create table avatars (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        status varchar(20) not null check (status in ('processing', 'ready', 'failed')),
        file_name varchar(255) not null,
        mime_type varchar(50) not null check (mime_type in ('image/jpeg', 'image/png', 'image/webp')),
        size_bytes integer not null check (size_bytes > 0),
        width integer not null check (width > 0),
        height integer not null check (height > 0),
        storage_key varchar(500) not null,
        renditions jsonb not null default '[]',
        failure_reason text null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz null,
        purged_at timestamptz null
      )`);
    this.addSql(
      'create index avatars_user_live_idx on avatars (user_id, created_at desc, id desc) where deleted_at is null',
    );
    // The storage gauge sums what is still stored; purged rows drop out of this index.
    this.addSql('create index avatars_stored_idx on avatars (purged_at) where purged_at is null');
  }

  override down(): void {
    this.addSql('drop table avatars');
  }
}
