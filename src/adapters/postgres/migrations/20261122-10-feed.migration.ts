import { Migration } from '@mikro-orm/migrations';

/** Partitions of `user_feed` when none is configured: enough to split a large feed table evenly. */
export const DEFAULT_FEED_PARTITIONS = 16;

/**
 * How many hash partitions `user_feed` gets: `FEED_PARTITIONS`, read when this migration
 * first runs (the config schema validates it at start). Changing it later changes nothing:
 * re-partitioning a populated table is an operation of its own, not a setting.
 */
export function feedPartitions(raw: string | undefined = process.env.FEED_PARTITIONS): number {
  if (raw === undefined || raw === '') return DEFAULT_FEED_PARTITIONS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new Error(`FEED_PARTITIONS must be 1–1024 (got "${raw}").`);
  return n;
}

/**
 * The home feed's read models (docs/feed.md):
 *
 * - `user_feed`: one row per (owner, post) delivered by the fan-out. Hash-partitioned by
 *   owner, so each partition is a logical shard and every read touches one of them. The
 *   primary key is the read path itself: (owner, time, post) keeps a feed in order and,
 *   with `author_id` included, a page is an index-only backward scan — no heap, no join.
 *   It also makes delivery idempotent: a post has one time, so (owner, post) is unique.
 * - `feed_celebrities`: authors whose posts are merged at read time instead (sticky).
 * - `post_popularity`: like counts of liked posts and their trending score.
 */
export class CreateFeedReadModels extends Migration {
  override name = '20261122-10-feed';

  override up(): void {
    const partitions = feedPartitions();
    this.addSql(`
      create table user_feed (
        owner_id uuid not null,
        created_at timestamptz(3) not null,
        post_id uuid not null,
        author_id uuid not null,
        constraint user_feed_pkey primary key (owner_id, created_at, post_id) include (author_id)
      ) partition by hash (owner_id)`);
    for (let i = 0; i < partitions; i++) {
      // Insert-only tables are vacuumed by insert count (PostgreSQL 13+); sooner than the
      // default keeps the visibility map fresh, which index-only scans depend on.
      this.addSql(
        `create table user_feed_p${i} partition of user_feed for values with (modulus ${partitions}, remainder ${i})
           with (autovacuum_vacuum_insert_scale_factor = 0.02)`,
      );
    }
    this.addSql(`
      create table feed_celebrities (
        author_id uuid primary key references users (id),
        promoted_at timestamptz not null
      )`);
    this.addSql(`
      create table post_popularity (
        post_id uuid primary key references posts (id),
        author_id uuid not null,
        created_at timestamptz(3) not null,
        like_count integer not null default 0,
        score double precision null
      )`);
    // Trending pages, best first: a backward range scan, newest-window filter on the side.
    this.addSql(
      'create index post_popularity_score_idx on post_popularity (score, post_id) where score is not null',
    );
  }

  override down(): void {
    this.addSql('drop table post_popularity');
    this.addSql('drop table feed_celebrities');
    this.addSql('drop table user_feed');
  }
}
