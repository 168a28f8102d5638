import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KeysetPosition, Page } from '#application/social/page.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { Like } from '#domain/social/like.entity.ts';
import { at, givenPost, givenUsers, type SocialHarness } from './social-harness.ts';

/** Walks every page of a list and returns the ids in order. */
export async function walk<T>(
  fetch: (after: KeysetPosition | null) => Promise<Page<T>>,
  idOf: (t: T) => string,
): Promise<string[]> {
  const seen: string[] = [];
  let after: KeysetPosition | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const page: Page<T> = await fetch(after);
    seen.push(...page.items.map(idOf));
    if (!page.next) return seen;
    after = page.next;
  }
  throw new Error('pagination did not end');
}

/** What every PostViews and FollowViews must answer, whatever reads them. */
export function socialViewsContract(adapter: string, open: () => Promise<SocialHarness>): void {
  describe(`PostViews and FollowViews contract: ${adapter}`, () => {
    let h: SocialHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    it('shows a post with its author, like count and whether the viewer likes it', async () => {
      const [author, fan, stranger] = await givenUsers(h, 3);
      const post = await givenPost(h, author!, 7, 'look 👀');
      await h.unitOfWork.transaction(() => h.likes.add(Like.give(post, fan!.id, at(8))));

      const byFan = await h.postViews.byId(post.id, fan!.id);
      expect(byFan).toEqual({
        id: post.id,
        text: 'look 👀',
        createdAt: at(7),
        author: { id: author!.id, handle: author!.handle, displayName: author!.displayName, avatarId: null },
        likeCount: 1,
        likedByMe: true,
      });
      expect((await h.postViews.byId(post.id, stranger!.id))?.likedByMe).toBe(false);
      expect(await h.postViews.byId(randomUUID(), fan!.id)).toBeNull();
    });

    it("lists a user's posts newest first, every one exactly once across pages, ties broken by id", async () => {
      const [author, other] = await givenUsers(h, 2);
      const posts = [];
      // Five distinct times and a burst of four sharing one millisecond.
      for (const ms of [10, 20, 30, 30, 30, 30, 40, 50, 60]) posts.push(await givenPost(h, author!, ms));
      await givenPost(h, other!, 35);
      const expected = [...posts]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((p) => p.id);

      for (const limit of [1, 2, 4, 100]) {
        const ids = await walk(
          (after) => h.postViews.byAuthor(author!.id, other!.id, { limit, after }),
          (v) => v.id,
        );
        expect(ids).toEqual(expected);
      }
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const [author] = await givenUsers(h, 1);
      for (const ms of [1, 2]) await givenPost(h, author!, ms);
      const page = await h.postViews.byAuthor(author!.id, author!.id, { limit: 2, after: null });
      expect(page.items).toHaveLength(2);
      expect(page.next).toBeNull();
    });

    it('lists followers and followings newest follow first, every one exactly once, ties broken by id', async () => {
      const [star, ...fans] = await givenUsers(h, 7);
      const times = [5, 1, 3, 3, 3, 9];
      await h.unitOfWork.transaction(async () => {
        for (const [i, fan] of fans.entries()) {
          await h.follows.add(Follow.start(fan.id, star!.id, at(times[i]!)));
          await h.follows.add(Follow.start(star!.id, fan.id, at(times[i]!)));
        }
      });
      const expected = fans
        .map((f, i) => ({ id: f.id, t: times[i]! }))
        .sort((a, b) => b.t - a.t || (a.id < b.id ? -1 : 1))
        .map((f) => f.id);

      for (const limit of [1, 2, 5, 100]) {
        const followers = await walk(
          (after) => h.followViews.followers(star!.id, { limit, after }),
          (v) => v.user.id,
        );
        const following = await walk(
          (after) => h.followViews.following(star!.id, { limit, after }),
          (v) => v.user.id,
        );
        expect(followers).toEqual(expected);
        expect(following).toEqual(expected);
      }
      const [first] = (await h.followViews.followers(star!.id, { limit: 1, after: null })).items;
      const newest = fans[times.indexOf(9)]!;
      expect(first).toEqual({
        user: { id: newest.id, handle: newest.handle, displayName: newest.displayName, avatarId: null },
        followedAt: at(9),
      });
    });

    it('lists nothing for a user nobody follows and who follows nobody', async () => {
      const [loner] = await givenUsers(h, 1);
      expect(await h.followViews.followers(loner!.id, { limit: 20, after: null })).toEqual({
        items: [],
        next: null,
      });
      expect(await h.followViews.following(loner!.id, { limit: 20, after: null })).toEqual({
        items: [],
        next: null,
      });
    });
  });
}
