import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_FEED_PARTITIONS,
  feedPartitions,
} from '#adapters/postgres/migrations/20261122-10-feed.migration.ts';
import { FEED_PAGE_SQL } from '#adapters/postgres/feed/postgres-feed-read-model.ts';
import { databaseKinds, openPgliteForTest, type OpenedTestDatabase } from '../../../../support/databases.ts';

const OWNERS = 40;
const PER_OWNER = 300;

for (const [kind, open] of databaseKinds) {
  describe(`the user_feed read model on ${kind}`, () => {
    let db: OpenedTestDatabase;
    const owner = randomUUID();
    beforeAll(async () => {
      db = await open();
      const em = db.orm.em.fork();
      // Many owners spread over the partitions, one of them ours.
      await em.execute(
        `insert into user_feed (owner_id, created_at, post_id, author_id)
         select case when o = 1 then ?::uuid else gen_random_uuid() end,
                timestamptz '2026-11-22 09:00:00+00' - (p || ' seconds')::interval, gen_random_uuid(), gen_random_uuid()
           from generate_series(1, ${OWNERS}) o, generate_series(1, ${PER_OWNER}) p`,
        [owner],
      );
      await em.getConnection().execute('vacuum analyze user_feed');
    }, 60_000);
    afterAll(() => db.close());

    const plan = async (analyze: boolean) => {
      const rows = await db.orm.em
        .fork()
        .execute<Record<string, string>[]>(
          `explain (${analyze ? 'analyze, ' : ''}costs off) ${FEED_PAGE_SQL}`,
          [owner, new Date('2026-11-22T08:59:00.000Z'), randomUUID(), 21],
        );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    };

    it('is hash-partitioned by owner into the configured number of partitions', async () => {
      const [row] = await db.orm.em.fork().execute<{ n: number | string; strategy: string }[]>(
        `select count(*) as n, (select partstrat from pg_partitioned_table where partrelid = 'user_feed'::regclass) as strategy
             from pg_inherits where inhparent = 'user_feed'::regclass`,
      );
      expect(Number(row!.n)).toBe(DEFAULT_FEED_PARTITIONS);
      expect(row!.strategy).toBe('h');
    });

    it('reads a page as an index-only backward scan of one partition: no join, no sort, no heap', async () => {
      const text = await plan(false);
      expect(text).toMatch(/Index Only Scan Backward using user_feed_p\d+_pkey/);
      expect(text.match(/Index Only Scan/g)).toHaveLength(1);
      expect(text).not.toMatch(/Sort|Join|Nested Loop|Seq Scan|Append/);
      expect(await plan(true)).toMatch(/Heap Fetches: 0/);
    });
  });
}

describe('the number of user_feed partitions', () => {
  it('is a parameter of the migration (FEED_PARTITIONS), 16 when unset', () => {
    expect(feedPartitions(undefined)).toBe(16);
    expect(feedPartitions('')).toBe(16);
    expect(feedPartitions('64')).toBe(64);
    expect(() => feedPartitions('0')).toThrow(/FEED_PARTITIONS/);
    expect(() => feedPartitions('many')).toThrow(/FEED_PARTITIONS/);
  });

  it('creates that many partitions when the migration runs', async () => {
    const before = process.env.FEED_PARTITIONS;
    process.env.FEED_PARTITIONS = '4';
    let db: OpenedTestDatabase | undefined;
    try {
      db = await openPgliteForTest();
      const [row] = await db.orm.em
        .fork()
        .execute<{ n: number | string }[]>(
          "select count(*) as n from pg_inherits where inhparent = 'user_feed'::regclass",
        );
      expect(Number(row!.n)).toBe(4);
    } finally {
      if (before === undefined) delete process.env.FEED_PARTITIONS;
      else process.env.FEED_PARTITIONS = before;
      await db?.close();
    }
  }, 60_000);
});
