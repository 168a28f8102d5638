import { Migration } from '@mikro-orm/migrations';

/**
 * The social write model (posts, follows, likes) and idempotency keys. Follows, likes and
 * idempotency keys are keyed by their user first (follower, liker, key owner), so each can
 * later be hash-partitioned by that user; posts are keyed by id alone, so they can be
 * partitioned by id but not by author (docs/social.md, "Partitioning plan"). Ids are UUIDv7,
 * so new rows land at the end of indexes.
 * Times are stored to the millisecond (`timestamptz(3)`): keyset cursors carry them
 * exactly, whatever wrote the row.
 */
export class CreateSocial extends Migration {
  override name = '20261122-06-social';

  override up(): void {
    this.addSql(`
      create table posts (
        id uuid primary key,
        author_id uuid not null references users (id),
        text text not null,
        created_at timestamptz(3) not null,
        like_count integer not null default 0 check (like_count >= 0)
      )`);
    // A user's posts, newest first (GET /users/{id}/posts, feed backfill, digest).
    this.addSql('create index posts_author_created_idx on posts (author_id, created_at desc, id desc)');

    this.addSql(`
      create table follows (
        follower_id uuid not null references users (id),
        followee_id uuid not null references users (id),
        created_at timestamptz(3) not null,
        primary key (follower_id, followee_id),
        constraint follows_not_self check (follower_id <> followee_id)
      )`);
    // Followers of a user, newest first (also the fan-out's follower scan).
    this.addSql(
      'create index follows_followee_created_idx on follows (followee_id, created_at desc, follower_id)',
    );
    // Whom a user follows, newest first (the primary key is not time-ordered).
    this.addSql(
      'create index follows_follower_created_idx on follows (follower_id, created_at desc, followee_id)',
    );

    this.addSql(`
      create table likes (
        user_id uuid not null references users (id),
        post_id uuid not null references posts (id),
        created_at timestamptz(3) not null,
        primary key (user_id, post_id)
      )`);
    // Likes of a post, newest first (who liked it, likes received in the digest).
    this.addSql('create index likes_post_created_idx on likes (post_id, created_at desc)');

    this.addSql(`
      create table idempotency_keys (
        user_id uuid not null references users (id) on delete cascade,
        key varchar(255) not null,
        fingerprint varchar(64) not null,
        status varchar(20) not null check (status in ('in_progress', 'completed')),
        claim_token uuid not null,
        locked_until timestamptz not null,
        response_status smallint null,
        response_headers jsonb null,
        response_body jsonb null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        primary key (user_id, key)
      )`);
    this.addSql('create index idempotency_keys_expires_idx on idempotency_keys (expires_at)');
  }

  override down(): void {
    this.addSql('drop table idempotency_keys');
    this.addSql('drop table likes');
    this.addSql('drop table follows');
    this.addSql('drop table posts');
  }
}
