import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { CreatePost } from '#application/social/create-post.use-case.ts';
import { FollowUser } from '#application/social/follow-user.use-case.ts';
import { LikePost } from '#application/social/like-post.use-case.ts';
import { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../support/databases.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';

interface OutboxRow {
  type: string;
  payload: Record<string, unknown>;
}

for (const [kind, open] of databaseKinds) {
  describe(`social commands on ${kind}: the row and exactly one outbox event, in one transaction`, () => {
    let db: OpenedTestDatabase;
    let sut: ReturnType<typeof wire>;
    let ada: User;
    let bob: User;

    const wire = (d: OpenedTestDatabase) => {
      const em = d.orm.em;
      const uow = new PostgresUnitOfWork(em);
      const users = new PostgresUserRepository(em);
      const posts = new PostgresPostRepository(em);
      const likes = new PostgresLikeRepository(em);
      const follows = new PostgresFollowRepository(em);
      const events = new PostgresOutboxEventPublisher(em, new UuidV7IdGenerator());
      const clock = new FixedClock();
      return {
        uow,
        users,
        createPost: new CreatePost(uow, posts, events, new UuidV7IdGenerator(), clock),
        likePost: new LikePost(uow, posts, likes, events, clock),
        unlikePost: new UnlikePost(uow, posts, likes, events, clock),
        followUser: new FollowUser(uow, users, follows, events, clock),
        unfollowUser: new UnfollowUser(uow, users, follows, events, clock),
      };
    };
    const sql = async <T>(query: string, params: unknown[] = []) =>
      db.orm.em.fork().execute<T[]>(query, params);
    const outbox = () => sql<OutboxRow>('select type, payload from outbox order by position');
    const count = async (query: string, params: unknown[]) =>
      Number((await sql<{ n: string }>(query, params))[0]!.n);

    beforeAll(async () => {
      db = await open();
      sut = wire(db);
    });
    afterAll(() => db.close());
    beforeEach(async () => {
      [ada, bob] = [aUser(), aUser()];
      await sut.uow.transaction(async () => {
        await sut.users.add(ada);
        await sut.users.add(bob);
      });
      await sql('truncate outbox');
    });

    it('CreatePost writes the post, counts it, and appends one post.created', async () => {
      const post = await sut.createPost.execute({ authorId: ada.id, text: 'hello' });
      expect(
        await count('select count(*) as n from posts where id = ? and author_id = ?', [post.id, ada.id]),
      ).toBe(1);
      expect(await count('select posts_count as n from users where id = ?', [ada.id])).toBe(1);
      expect(await outbox()).toEqual([
        {
          type: 'post.created',
          payload: { post_id: post.id, author_id: ada.id, created_at: post.createdAt.toISOString() },
        },
      ]);
    });

    it('LikePost writes one like and one post.liked, however often it is repeated; UnlikePost undoes it once', async () => {
      const post = await sut.createPost.execute({ authorId: ada.id, text: 'like me' });
      await sql('truncate outbox');
      for (let i = 0; i < 3; i++) await sut.likePost.execute({ userId: bob.id, postId: post.id });
      expect(await count('select count(*) as n from likes where post_id = ?', [post.id])).toBe(1);
      expect(await count('select like_count as n from posts where id = ?', [post.id])).toBe(1);

      for (let i = 0; i < 3; i++) await sut.unlikePost.execute({ userId: bob.id, postId: post.id });
      expect(await count('select count(*) as n from likes where post_id = ?', [post.id])).toBe(0);
      expect(await count('select like_count as n from posts where id = ?', [post.id])).toBe(0);
      const payload = { post_id: post.id, user_id: bob.id, author_id: ada.id };
      expect(await outbox()).toEqual([
        { type: 'post.liked', payload },
        { type: 'post.unliked', payload },
      ]);
    });

    it('FollowUser writes one follow and one user.followed, however often it is repeated; UnfollowUser undoes it once', async () => {
      for (let i = 0; i < 3; i++) await sut.followUser.execute({ followerId: ada.id, followeeId: bob.id });
      expect(
        await count('select count(*) as n from follows where follower_id = ? and followee_id = ?', [
          ada.id,
          bob.id,
        ]),
      ).toBe(1);
      expect(await count('select following_count as n from users where id = ?', [ada.id])).toBe(1);
      expect(await count('select followers_count as n from users where id = ?', [bob.id])).toBe(1);

      for (let i = 0; i < 3; i++) await sut.unfollowUser.execute({ followerId: ada.id, followeeId: bob.id });
      expect(await count('select count(*) as n from follows where follower_id = ?', [ada.id])).toBe(0);
      expect(await count('select followers_count as n from users where id = ?', [bob.id])).toBe(0);
      const payload = { follower_id: ada.id, followee_id: bob.id };
      expect(await outbox()).toEqual([
        { type: 'user.followed', payload },
        { type: 'user.unfollowed', payload },
      ]);
    });

    it('many concurrent likes of one post by many people: every like counted once, one event each', async () => {
      const post = await sut.createPost.execute({ authorId: ada.id, text: 'popular' });
      const fans = Array.from({ length: 30 }, () => aUser());
      await sut.uow.transaction(async () => {
        for (const fan of fans) await sut.users.add(fan);
      });
      await sql('truncate outbox');
      await Promise.all(
        fans.flatMap((fan) => [
          sut.likePost.execute({ userId: fan.id, postId: post.id }),
          sut.likePost.execute({ userId: fan.id, postId: post.id }),
        ]),
      );
      expect(await count('select like_count as n from posts where id = ?', [post.id])).toBe(30);
      const liked = (await outbox()).map((e) => e.payload.user_id);
      expect(liked).toHaveLength(30);
      expect(new Set(liked)).toEqual(new Set(fans.map((f) => f.id)));
    });

    it('a rejected command writes nothing at all', async () => {
      await expect(sut.createPost.execute({ authorId: ada.id, text: '\u0000' })).rejects.toMatchObject({
        code: 'post.text_invalid_characters',
      });
      await expect(sut.followUser.execute({ followerId: ada.id, followeeId: ada.id })).rejects.toMatchObject({
        code: 'follow.self',
      });
      expect(await count('select count(*) as n from posts where author_id = ?', [ada.id])).toBe(0);
      expect(await outbox()).toEqual([]);
    });
  });
}
