import { describe, expect, it } from '@jest/globals';
import { feedWorld } from '../../../support/feed/feed-world.ts';

async function makeSut(options: Parameters<typeof feedWorld>[0] = {}) {
  const world = feedWorld({ backfillPosts: 3, ...options });
  const [reader, author] = await world.users(2);
  for (let i = 0; i < 5; i++) {
    world.social.clock.advance(1);
    await world.createPost.execute({ authorId: author!.id, text: `p${i}` });
  }
  await world.drain();
  return { world, reader: reader!, author: author! };
}

const invalidated = (world: ReturnType<typeof feedWorld>) =>
  world.social.events.published.filter((e) => e.type === 'feed.invalidated').map((e) => e.payload);

describe('SyncFeedWithFollows', () => {
  it("copies a followed author's newest posts into the follower's feed, bounded, and invalidates its cache", async () => {
    const { world, reader, author } = await makeSut();
    await world.followUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.drain();
    const feed = await world.store.page(reader.id, null, 10);
    expect(feed.map((e) => e.postId)).toEqual(
      world
        .naiveFeedOf(reader.id)
        .slice(0, 3)
        .map((p) => p.id),
    );
    expect(invalidated(world)).toEqual([{ owner_ids: [reader.id] }]);
  });

  it("takes an unfollowed author's posts out of the feed", async () => {
    const { world, reader, author } = await makeSut();
    await world.followUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.drain();
    await world.unfollowUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.drain();
    expect(await world.store.page(reader.id, null, 10)).toEqual([]);
    expect(invalidated(world)).toHaveLength(2);
  });

  it('leaves the feed right when a follow and an unfollow are handled in the wrong order', async () => {
    const { world, reader, author } = await makeSut();
    await world.followUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.unfollowUser.execute({ followerId: reader.id, followeeId: author.id });
    const [followed, unfollowed] = world.social.events.published.slice(-2);
    world.social.events.published.splice(-2, 2, unfollowed!, followed!);
    await world.drain();
    expect(await world.store.page(reader.id, null, 10)).toEqual([]);
  });

  it('copies nothing for a followed celebrity (their posts are merged at read time)', async () => {
    const { world, reader, author } = await makeSut();
    await world.social.unitOfWork.transaction(() => world.store.promote(author.id));
    await world.followUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.drain();
    expect(await world.store.page(reader.id, null, 10)).toEqual([]);
    expect((await world.feedOf(reader.id)).map((i) => i.post.id)).toEqual(
      world.naiveFeedOf(reader.id).map((p) => p.id),
    );
  });
});
