import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../support/postgres.ts';

/**
 * The partitioning plan of docs/social.md, checked against the migrated schema: a copy of
 * each table with its keys, indexes and checks (`like … including all`) is created
 * partitioned the way the plan says. If a key changes so that the plan no longer holds, this fails.
 */
describe('partitioning plan of the social tables (PostgreSQL)', () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const partitioned = (table: string, as: string, by: string) =>
    client.query(`create table ${as} (like ${table} including all) partition by ${by}`);

  it.each([
    ['follows', 'hash (follower_id)'],
    ['likes', 'hash (user_id)'],
    ['idempotency_keys', 'hash (user_id)'],
  ])('%s can be partitioned by %s with its keys as they are', async (table, by) => {
    await expect(partitioned(table, `${table}_by_user`, by)).resolves.toBeDefined();
  });

  it('posts cannot be partitioned by author without changing its key (id alone)', async () => {
    await expect(partitioned('posts', 'posts_by_author', 'hash (author_id)')).rejects.toThrow(
      /must include all partitioning columns/,
    );
  });

  it('posts can be partitioned by id (hash, or range: UUIDv7 ids are in time order), keeping likes’ foreign key', async () => {
    await partitioned('posts', 'posts_by_id', 'hash (id)');
    await partitioned('posts', 'posts_by_time', 'range (id)');
    await client.query(
      'create table posts_by_id_p0 partition of posts_by_id for values with (modulus 1, remainder 0)',
    );
    await partitioned('likes', 'likes_partitioned', 'hash (user_id)');
    await expect(
      client.query('alter table likes_partitioned add foreign key (post_id) references posts_by_id (id)'),
    ).resolves.toBeDefined();
  });
});
