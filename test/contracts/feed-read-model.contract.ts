import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FollowerCursor } from '#application/feed/feed-writer.ts';
import { newestFirst, positionOf, type FeedEntry } from '#domain/feed/feed-entry.ts';
import { ids, readAll } from '../support/feed/feed-entries.ts';
import {
  follow,
  givenPost,
  givenUsers,
  inTransaction,
  unfollow,
  type FeedStoreHarness,
} from './feed-store-harness.ts';

export function feedReadModelContract(adapter: string, open: () => Promise<FeedStoreHarness>): void {
  describe(`FeedReadModel and FeedWriter contract: ${adapter}`, () => {
    let h: FeedStoreHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    const deliverAll = async (entry: FeedEntry, chunk: number) => {
      const owners: string[] = [];
      let chunks = 0;
      let next: FollowerCursor | null = null;
      do {
        const done = await inTransaction(h, () => h.writer.deliverToFollowers(entry, next, chunk));
        owners.push(...done.owners);
        next = done.next;
        chunks++;
      } while (next);
      return { owners, chunks };
    };

    it('delivers a post to every follower chunk by chunk, each once, and to its author', async () => {
      const [author, ...followers] = await givenUsers(h, 8);
      for (const [i, f] of followers.entries()) await follow(h, f, author!, i % 3);
      const post = await givenPost(h, author!, 5_000);
      expect(await inTransaction(h, () => h.writer.deliverToAuthor(post))).toBe(true);
      const { owners, chunks } = await deliverAll(post, 3);
      expect(owners.sort()).toEqual(followers.map((f) => f.id).sort());
      expect(chunks).toBe(3);
      for (const owner of [author!, ...followers])
        expect(await h.readModel.page(owner.id, null, 5)).toEqual([post]);
    });

    it('delivers nothing twice: a repeated delivery writes no row and names no owner', async () => {
      const [author, follower] = await givenUsers(h, 2);
      await follow(h, follower!, author!);
      const post = await givenPost(h, author!, 6_000);
      await inTransaction(h, () => h.writer.deliverToAuthor(post));
      await deliverAll(post, 10);
      expect(await inTransaction(h, () => h.writer.deliverToAuthor(post))).toBe(false);
      expect((await deliverAll(post, 10)).owners).toEqual([]);
      expect(await h.readModel.page(follower!.id, null, 5)).toEqual([post]);
    });

    it('pages a feed newest first, same-millisecond posts by id, with no duplicates or gaps', async () => {
      const [owner, a, b] = await givenUsers(h, 3);
      await follow(h, owner!, a!);
      await follow(h, owner!, b!);
      const posts: FeedEntry[] = [];
      for (let i = 0; i < 12; i++) posts.push(await givenPost(h, i % 2 ? a! : b!, Math.floor(i / 4) * 1000));
      for (const p of posts) await deliverAll(p, 100);
      const read = await readAll((after) => h.readModel.page(owner!.id, after && positionOf(after), 5), 5);
      expect(ids(read)).toEqual(ids([...posts].sort(newestFirst)));
    });

    it("backfills a followed author's newest posts, bounded, and only while the follow exists", async () => {
      const [owner, author] = await givenUsers(h, 2);
      const posts: FeedEntry[] = [];
      for (let i = 0; i < 5; i++) posts.push(await givenPost(h, author!, i * 1000));
      expect(await inTransaction(h, () => h.writer.backfill(owner!.id, author!.id, 3))).toBe(0);
      await follow(h, owner!, author!);
      expect(await inTransaction(h, () => h.writer.backfill(owner!.id, author!.id, 3))).toBe(3);
      expect(await inTransaction(h, () => h.writer.backfill(owner!.id, author!.id, 3))).toBe(0);
      expect(ids(await h.readModel.page(owner!.id, null, 10))).toEqual(ids(posts.slice(2).reverse()));
    });

    it("removes an unfollowed author's posts, but keeps them while the follow exists (again)", async () => {
      const [owner, author, other] = await givenUsers(h, 3);
      await follow(h, owner!, author!);
      await follow(h, owner!, other!);
      const gone = await givenPost(h, author!, 1_000);
      const kept = await givenPost(h, other!, 2_000);
      await deliverAll(gone, 10);
      await deliverAll(kept, 10);
      expect(await inTransaction(h, () => h.writer.removeAuthor(owner!.id, author!.id))).toBe(0);
      await unfollow(h, owner!, author!);
      expect(await inTransaction(h, () => h.writer.removeAuthor(owner!.id, author!.id))).toBe(1);
      expect(await h.readModel.page(owner!.id, null, 10)).toEqual([kept]);
    });

    it('says which owners hold an entry', async () => {
      const [author, a, b] = await givenUsers(h, 3);
      await follow(h, a!, author!);
      const post = await givenPost(h, author!, 3_000);
      await deliverAll(post, 10);
      expect(await h.readModel.holders(post, [a!.id, b!.id])).toEqual([a!.id]);
      expect(await h.readModel.holders(post, [])).toEqual([]);
    });

    it('pages an author’s own posts newest first', async () => {
      const [author] = await givenUsers(h, 1);
      const posts: FeedEntry[] = [];
      for (let i = 0; i < 4; i++) posts.push(await givenPost(h, author!, i * 10));
      const sorted = [...posts].sort(newestFirst);
      expect(await h.readModel.postsBy(author!.id, null, 2)).toEqual(sorted.slice(0, 2));
      expect(await h.readModel.postsBy(author!.id, positionOf(sorted[1]!), 5)).toEqual(sorted.slice(2));
    });

    it('promotes a celebrity once, and lists the celebrities an owner follows', async () => {
      const [owner, star, plain] = await givenUsers(h, 3);
      await follow(h, owner!, star!);
      await follow(h, owner!, plain!);
      expect(await h.celebrities.standing(star!.id)).toEqual({ celebrity: false, followers: 1 });
      expect(await inTransaction(h, () => h.celebrities.promote(star!.id, new Date()))).toBe(true);
      expect(await inTransaction(h, () => h.celebrities.promote(star!.id, new Date()))).toBe(false);
      expect(await h.celebrities.standing(star!.id)).toEqual({ celebrity: true, followers: 1 });
      expect(await h.readModel.celebritiesFollowedBy(owner!.id)).toEqual([star!.id]);
    });

    it('refuses to write outside a unit of work', async () => {
      const [author] = await givenUsers(h, 1);
      const post = await givenPost(h, author!, 0);
      await expect(h.writer.deliverToAuthor(post)).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
