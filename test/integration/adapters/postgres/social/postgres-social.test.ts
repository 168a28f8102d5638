import { afterAll } from '@jest/globals';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowViews } from '#adapters/postgres/social/postgres-follow-views.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostViews } from '#adapters/postgres/social/postgres-post-views.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { followRepositoryContract } from '../../../../contracts/follow-repository.contract.ts';
import { likeRepositoryContract } from '../../../../contracts/like-repository.contract.ts';
import { postRepositoryContract } from '../../../../contracts/post-repository.contract.ts';
import type { SocialHarness } from '../../../../contracts/social-harness.ts';
import { socialViewsContract } from '../../../../contracts/social-views.contract.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../../support/databases.ts';

// One database per kind for the whole file (a PGlite takes seconds to start); every
// contract works with users of its own, so they share it safely.
const opened: Promise<OpenedTestDatabase>[] = [];
afterAll(async () => {
  for (const db of opened) await (await db).close();
});

for (const [kind, openDatabase] of databaseKinds) {
  let db: Promise<OpenedTestDatabase> | undefined;
  const open = async (): Promise<SocialHarness> => {
    if (!db) opened.push((db = openDatabase()));
    const { orm } = await db;
    return {
      unitOfWork: new PostgresUnitOfWork(orm.em),
      users: new PostgresUserRepository(orm.em),
      posts: new PostgresPostRepository(orm.em),
      likes: new PostgresLikeRepository(orm.em),
      follows: new PostgresFollowRepository(orm.em),
      postViews: new PostgresPostViews(orm.em),
      followViews: new PostgresFollowViews(orm.em),
      close: async () => {},
    };
  };
  postRepositoryContract(`PostgresPostRepository on ${kind}`, open);
  likeRepositoryContract(`PostgresLikeRepository on ${kind}`, open);
  followRepositoryContract(`PostgresFollowRepository on ${kind}`, open);
  socialViewsContract(`PostgresPostViews and PostgresFollowViews on ${kind}`, open);
}
