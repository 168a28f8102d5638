import { describe, expect, it } from '@jest/globals';
import { feedWorld, type FeedWorld } from '../../../support/feed/feed-world.ts';

async function makeSut(options: Parameters<typeof feedWorld>[0] = {}) {
  const world = feedWorld(options);
  const [viewer, author, other] = await world.users(3);
  await world.followUser.execute({ followerId: viewer!.id, followeeId: author!.id });
  return { world, viewer: viewer!, author: author!, other: other! };
}

async function posts(world: FeedWorld, authorId: string, count: number) {
  const made = [];
  for (let i = 0; i < count; i++) {
    world.social.clock.advance(i % 3 === 0 ? 1 : 0); // several posts share a millisecond
    made.push(await world.createPost.execute({ authorId, text: `post ${i}` }));
  }
  await world.drain();
  return made;
}

describe('GetHomeFeed', () => {
  it('shows own posts and followed authors’ posts newest first, not others’', async () => {
    const { world, viewer, author, other } = await makeSut();
    await posts(world, author.id, 4);
    await posts(world, viewer.id, 2);
    await posts(world, other.id, 3);
    const feed = await world.feedOf(viewer.id, 3);
    expect(feed.map((i) => i.post.id)).toEqual(world.naiveFeedOf(viewer.id).map((p) => p.id));
    expect(feed).toHaveLength(6);
  });

  it('reads a missed feed from the read model, caches it, and serves the next read from the cache', async () => {
    const { world, viewer, author } = await makeSut();
    await posts(world, author.id, 3);
    const first = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 10, after: null } });
    const second = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 10, after: null } });
    expect(second).toEqual(first);
    expect(world.metrics.reads).toEqual(['read_model', 'cache']);
    expect(world.metrics.lookups.feed).toEqual({ hits: 1, misses: 1 });
    expect(world.metrics.lookups.post).toEqual({ hits: 3, misses: 3 });
  });

  it('completes items with the author summary, the like count and whether the viewer likes them', async () => {
    const { world, viewer, author } = await makeSut();
    const [liked, notLiked] = await posts(world, author.id, 2);
    await world.likePost.execute({ userId: viewer.id, postId: liked!.id });
    await world.drain();
    const items = (await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 10, after: null } }))
      .items;
    const byId = new Map(items.map((i) => [i.post.id, i]));
    expect(byId.get(liked!.id)).toMatchObject({
      post: { id: liked!.id, text: 'post 0', authorId: author.id },
      author: { id: author.id, handle: author.handle, displayName: author.displayName, avatarId: null },
      likeCount: 1,
      likedByMe: true,
    });
    expect(byId.get(notLiked!.id)).toMatchObject({ likeCount: 0, likedByMe: false });
  });

  it('answers liked_by_me for posts weeks old from the cached likes, never post by post', async () => {
    const { world, viewer, author } = await makeSut();
    const old = await posts(world, author.id, 3);
    await world.likePost.execute({ userId: viewer.id, postId: old[1]!.id });
    world.social.clock.advance(30 * 86_400_000);
    const recent = await posts(world, author.id, 2);
    await world.likePost.execute({ userId: viewer.id, postId: recent[0]!.id });
    await world.drain();
    const probes: string[][] = [];
    const likedBy = world.store.likedBy.bind(world.store);
    world.store.likedBy = async (viewerId, postIds) => (
      probes.push([...postIds]),
      likedBy(viewerId, postIds)
    );
    for (let read = 0; read < 2; read++) {
      const items = await world.feedOf(viewer.id, 2);
      expect(items.map((i) => [i.post.id, i.likedByMe])).toEqual(
        world.naiveFeedOf(viewer.id).map((p) => [p.id, p.likedByMe]),
      );
    }
    expect(probes).toEqual([]);
    expect(world.metrics.likedByFallbacks).toBe(0);
    expect(world.metrics.lookups.viewer_likes!.hits).toBeGreaterThan(0);
  });

  it('checks post by post, and counts it, a viewer with more likes than the cache holds', async () => {
    const { world, viewer, author } = await makeSut({ maxCachedLikes: 2 });
    const made = await posts(world, author.id, 4);
    for (const post of made.slice(0, 3)) await world.likePost.execute({ userId: viewer.id, postId: post.id });
    await world.drain();
    const items = await world.feedOf(viewer.id, 10);
    expect(items.map((i) => [i.post.id, i.likedByMe])).toEqual(
      world.naiveFeedOf(viewer.id).map((p) => [p.id, p.likedByMe]),
    );
    expect(world.metrics.likedByFallbacks).toBe(1);
  });

  it('pages without duplicates or gaps while new posts arrive', async () => {
    const { world, viewer, author } = await makeSut();
    const before = await posts(world, author.id, 9);
    const first = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 4, after: null } });
    world.social.clock.advance(10);
    await posts(world, author.id, 3);
    const seen = [...first.items];
    let after = first.next;
    while (after) {
      const page = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 4, after } });
      seen.push(...page.items);
      after = page.next;
    }
    const expected = world.naiveFeedOf(viewer.id).filter((p) => before.some((b) => b.id === p.id));
    expect(seen.map((i) => i.post.id)).toEqual(expected.map((p) => p.id));
  });

  it('reads past the cached newest entries from the read model', async () => {
    const { world, viewer, author } = await makeSut({ cacheSize: 4 });
    await posts(world, author.id, 9);
    await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 2, after: null } });
    const page = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 7, after: null } });
    expect(page.items.map((i) => i.post.id)).toEqual(
      world
        .naiveFeedOf(viewer.id)
        .slice(0, 7)
        .map((p) => p.id),
    );
    expect(world.metrics.reads.at(-1)).toBe('read_model');
  });

  it("merges a celebrity's posts at read time, as if they had been delivered", async () => {
    const { world, viewer, author } = await makeSut({ celebrityFollowers: 2 });
    const [, second] = await world.users(2);
    await world.followUser.execute({ followerId: second!.id, followeeId: author.id });
    await world.drain();
    await posts(world, author.id, 5);
    expect(world.store.celebrityIds.has(author.id)).toBe(true);
    expect(await world.store.page(viewer.id, null, 50)).toEqual([]);
    for (const reader of [viewer, second!]) {
      const feed = await world.feedOf(reader.id, 2);
      expect(feed.map((i) => i.post.id)).toEqual(world.naiveFeedOf(reader.id).map((p) => p.id));
    }
  });

  it('does not cache a snapshot that a change committed during the read made stale', async () => {
    const { world, viewer, author } = await makeSut();
    await posts(world, author.id, 2);
    const page = world.store.page.bind(world.store);
    let raced = false;
    world.store.page = async (...args) => {
      const read = await page(...args);
      if (!raced) {
        raced = true; // the read is done; now a new post is delivered and reaches the cache
        await posts(world, author.id, 1);
      }
      return read;
    };
    await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 10, after: null } });
    const next = await world.getHomeFeed.execute({ viewerId: viewer.id, page: { limit: 10, after: null } });
    expect(next.items).toHaveLength(3);
  });
});
