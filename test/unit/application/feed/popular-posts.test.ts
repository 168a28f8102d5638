import { describe, expect, it } from '@jest/globals';
import { popularityScore } from '#domain/feed/popularity.ts';
import { feedWorld } from '../../../support/feed/feed-world.ts';

async function makeSut() {
  const world = feedWorld();
  const [viewer, author, ...fans] = await world.users(6);
  const like = async (postId: string, count: number) => {
    for (const fan of fans.slice(0, count)) await world.likePost.execute({ userId: fan.id, postId });
    await world.drain();
  };
  return { world, viewer: viewer!, author: author!, fans, like };
}

describe('trending posts', () => {
  it('ranks liked posts by time-decayed likes, with counts and whether the viewer likes them', async () => {
    const { world, viewer, author, like } = await makeSut();
    const old = await world.createPost.execute({ authorId: author.id, text: 'old' });
    world.social.clock.advance(24 * 3_600_000);
    const fresh = await world.createPost.execute({ authorId: author.id, text: 'fresh' });
    const unliked = await world.createPost.execute({ authorId: author.id, text: 'nobody' });
    await like(old.id, 3); // 3 likes one half-life ago count as 1.5 now
    await like(fresh.id, 2);
    await world.likePost.execute({ userId: viewer.id, postId: fresh.id });
    await world.drain();
    const page = await world.getPopularPosts.execute({ viewerId: viewer.id, limit: 10, after: null });
    expect(page.items.map((i) => [i.post.id, i.likeCount, i.likedByMe])).toEqual([
      [fresh.id, 3, true],
      [old.id, 3, false],
    ]);
    expect(page.items.map((i) => i.post.id)).not.toContain(unliked.id);
  });

  it('serves the ranking from the cache once built, and keeps it current as likes come and go', async () => {
    const { world, viewer, author, fans, like } = await makeSut();
    const a = await world.createPost.execute({ authorId: author.id, text: 'a' });
    const b = await world.createPost.execute({ authorId: author.id, text: 'b' });
    await like(a.id, 2);
    await like(b.id, 1);
    const top = () => world.getPopularPosts.execute({ viewerId: viewer.id, limit: 10, after: null });
    expect((await top()).items.map((i) => i.post.id)).toEqual([a.id, b.id]);
    await world.unlikePost.execute({ userId: fans[0]!.id, postId: a.id });
    await world.unlikePost.execute({ userId: fans[1]!.id, postId: a.id });
    await like(b.id, 3);
    expect((await top()).items.map((i) => [i.post.id, i.likeCount])).toEqual([[b.id, 3]]);
    expect(world.metrics.lookups.popular).toEqual({ hits: 1, misses: 1 });
    const cached = await world.caches.popularity.top(new Date(0), null, 10);
    expect(cached!.posts.map((p) => p.score)).toEqual([popularityScore(3, b.createdAt, 24)]);
  });

  it('pages the ranking with a cursor, no post twice', async () => {
    const { world, viewer, author, like } = await makeSut();
    const posts = [];
    for (let i = 0; i < 5; i++)
      posts.push(await world.createPost.execute({ authorId: author.id, text: `${i}` }));
    for (const [i, p] of posts.entries()) await like(p.id, 1 + (i % 3));
    const seen: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<typeof world.getPopularPosts.execute>> =
        await world.getPopularPosts.execute({
          viewerId: viewer.id,
          limit: 2,
          after,
        });
      seen.push(...page.items.map((i) => i.post.id));
      after = page.next;
    } while (after);
    expect(seen.sort()).toEqual(posts.map((p) => p.id).sort());
  });
});
