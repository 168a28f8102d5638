import { afterAll } from '@jest/globals';
import { PostgresCelebrities } from '#adapters/postgres/feed/postgres-celebrities.ts';
import { PostgresFeedItemSource } from '#adapters/postgres/feed/postgres-feed-item-source.ts';
import { PostgresFeedReadModel } from '#adapters/postgres/feed/postgres-feed-read-model.ts';
import { PostgresFeedWriter } from '#adapters/postgres/feed/postgres-feed-writer.ts';
import { PostgresPopularityStore } from '#adapters/postgres/feed/postgres-popularity-store.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { feedItemSourceContract } from '../../../../contracts/feed-item-source.contract.ts';
import { feedReadModelContract } from '../../../../contracts/feed-read-model.contract.ts';
import type { FeedStoreHarness } from '../../../../contracts/feed-store-harness.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../../support/databases.ts';

// One database per kind for the whole file; every case works with users of its own.
const opened: Promise<OpenedTestDatabase>[] = [];
afterAll(async () => {
  for (const db of opened) await (await db).close();
});

for (const [kind, openDatabase] of databaseKinds) {
  let db: Promise<OpenedTestDatabase> | undefined;
  const open = async (): Promise<FeedStoreHarness> => {
    if (!db) opened.push((db = openDatabase()));
    const { em } = (await db).orm;
    return {
      unitOfWork: new PostgresUnitOfWork(em),
      users: new PostgresUserRepository(em),
      posts: new PostgresPostRepository(em),
      likes: new PostgresLikeRepository(em),
      follows: new PostgresFollowRepository(em),
      readModel: new PostgresFeedReadModel(em),
      writer: new PostgresFeedWriter(em),
      celebrities: new PostgresCelebrities(em),
      items: new PostgresFeedItemSource(em),
      popularity: new PostgresPopularityStore(em),
      close: async () => {},
    };
  };
  feedReadModelContract(`Postgres feed adapters on ${kind}`, open);
  feedItemSourceContract(`Postgres feed adapters on ${kind}`, open);
}
