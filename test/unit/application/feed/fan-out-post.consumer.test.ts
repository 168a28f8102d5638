import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { envelope } from '#domain/shared/domain-event.ts';
import { feedWorld } from '../../../support/feed/feed-world.ts';

async function makeSut(options: Parameters<typeof feedWorld>[0] = {}, followers = 5) {
  const world = feedWorld(options);
  const [author, ...fans] = await world.users(followers + 1);
  for (const fan of fans) {
    world.social.clock.advance(1);
    await world.followUser.execute({ followerId: fan.id, followeeId: author!.id });
  }
  await world.drain();
  const fanOut = world.handlers.find((h) => h.consumer === 'feed-fanout')!;
  return { world, author: author!, fans, fanOut };
}

const published = (world: ReturnType<typeof feedWorld>, type: string) =>
  world.social.events.published
    .filter((e) => e.type === type)
    .map((e) => e.payload as Record<string, unknown>);

describe('FanOutPost', () => {
  it("delivers a post to its author's feed and every follower's, and announces who got it", async () => {
    const { world, author, fans } = await makeSut();
    const post = await world.createPost.execute({ authorId: author.id, text: 'hi' });
    await world.drain();
    for (const owner of [author, ...fans])
      expect((await world.store.page(owner.id, null, 5))[0]?.postId).toBe(post.id);
    const owners = published(world, 'feed.post_delivered').flatMap((p) => p.owner_ids as string[]);
    expect(owners.sort()).toEqual([author.id, ...fans.map((f) => f.id)].sort());
    expect(world.metrics.fanOuts).toEqual([fans.length + 1]);
  });

  it('works through a large audience one chunk per transaction, each chunk announced once', async () => {
    const { world, author, fans } = await makeSut({ fanOutChunk: 2 }, 5);
    await world.createPost.execute({ authorId: author.id, text: 'hi' });
    await world.drain();
    expect(published(world, 'feed.fanout_continued')).toHaveLength(2);
    const delivered = published(world, 'feed.post_delivered').map((p) => p.owner_ids as string[]);
    expect(delivered.map((o) => o.length)).toEqual([3, 2, 1]);
    expect(delivered.flat().sort()).toEqual([author.id, ...fans.map((f) => f.id)].sort());
  });

  it('changes nothing and announces nothing when a post.created is delivered again', async () => {
    const { world, author, fanOut } = await makeSut();
    await world.createPost.execute({ authorId: author.id, text: 'hi' });
    const created = world.social.events.published.find((e) => e.type === 'post.created')!;
    await world.drain();
    const before = world.social.events.published.length;
    await world.social.unitOfWork.transaction(() => fanOut.handle(envelope(randomUUID(), created)));
    expect(world.social.events.published.length).toBe(before);
  });

  it("does not deliver a celebrity's posts to followers, promotes them once, and caches the post in their timeline", async () => {
    const { world, author } = await makeSut({ celebrityFollowers: 3 }, 4);
    const lease = await world.caches.celebrityPosts.lease(author.id);
    await world.caches.celebrityPosts.fill(author.id, lease!, { entries: [], complete: true });
    const first = await world.createPost.execute({ authorId: author.id, text: 'one' });
    await world.createPost.execute({ authorId: author.id, text: 'two' });
    await world.drain();
    expect(published(world, 'feed.celebrity_promoted')).toEqual([{ author_id: author.id }]);
    expect(published(world, 'feed.post_delivered').map((p) => p.owner_ids)).toEqual([
      [author.id],
      [author.id],
    ]);
    const cached = await world.caches.celebrityPosts.page(author.id, null, 5);
    expect(cached!.entries.map((e) => e.postId)).toContain(first.id);
  });
});
