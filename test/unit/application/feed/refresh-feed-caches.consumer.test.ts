import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { postDelivered } from '#domain/feed/feed.events.ts';
import { envelope } from '#domain/shared/domain-event.ts';
import { domainEvent } from '#domain/shared/domain-event.ts';
import { feedWorld } from '../../../support/feed/feed-world.ts';

async function makeSut() {
  const world = feedWorld();
  const [reader, author] = await world.users(2);
  await world.followUser.execute({ followerId: reader!.id, followeeId: author!.id });
  await world.createPost.execute({ authorId: author!.id, text: 'first' });
  await world.drain();
  // The reader is active: their feed is cached.
  await world.getHomeFeed.execute({ viewerId: reader!.id, page: { limit: 10, after: null } });
  const refresh = world.handlers.find((h) => h.consumer === 'feed-cache')!;
  const handle = (type: string, payload: object) =>
    world.social.unitOfWork.transaction(() =>
      refresh.handle(envelope(randomUUID(), domainEvent(type, payload, new Date()))),
    );
  return { world, reader: reader!, author: author!, refresh, handle };
}

const cachedIds = async (world: ReturnType<typeof feedWorld>, ownerId: string) =>
  (await world.caches.feeds.page(ownerId, null, 50))?.entries.map((e) => e.postId) ?? null;

describe('RefreshFeedCaches', () => {
  it('adds a committed delivery to the cached feeds that exist and records the feed lag', async () => {
    const { world, reader, author } = await makeSut();
    world.social.clock.advance(1);
    const post = await world.createPost.execute({ authorId: author.id, text: 'second' });
    world.social.clock.advance(250);
    await world.drain();
    expect((await cachedIds(world, reader.id))![0]).toBe(post.id);
    expect(world.metrics.lags.at(-1)).toBeCloseTo(0.25, 5);
  });

  it('does not resurrect an entry the owner no longer holds (a late delivery after an unfollow)', async () => {
    const { world, reader, author, refresh } = await makeSut();
    const post = await world.createPost.execute({ authorId: author.id, text: 'second' });
    await world.drain();
    const delivered = postDelivered(
      { postId: post.id, authorId: author.id, createdAt: post.createdAt },
      [reader.id],
      new Date(),
    );
    await world.unfollowUser.execute({ followerId: reader.id, followeeId: author.id });
    await world.drain();
    await world.getHomeFeed.execute({ viewerId: reader.id, page: { limit: 10, after: null } });
    await world.social.unitOfWork.transaction(() => refresh.handle(envelope(randomUUID(), delivered)));
    expect(await cachedIds(world, reader.id)).toEqual([]);
  });

  it('drops invalidated feeds, and every feed when a celebrity is promoted', async () => {
    const { world, reader, handle } = await makeSut();
    await handle('feed.invalidated', { owner_ids: [reader.id] });
    expect(await cachedIds(world, reader.id)).toBeNull();
    await world.getHomeFeed.execute({ viewerId: reader.id, page: { limit: 10, after: null } });
    await handle('feed.celebrity_promoted', { author_id: randomUUID() });
    expect(await cachedIds(world, reader.id)).toBeNull();
  });

  it("drops a like count and the liker's likes after a like or unlike, and an author summary after an avatar is deleted", async () => {
    const { world, reader, author, handle } = await makeSut();
    const [item] = (await world.getHomeFeed.execute({ viewerId: reader.id, page: { limit: 1, after: null } }))
      .items;
    const postId = item!.post.id;
    expect((await world.caches.items.lookup([postId], [author.id], reader.id)).likeCounts.get(postId)).toBe(
      0,
    );
    await handle('post.liked', { post_id: postId, user_id: reader.id, author_id: author.id });
    await handle('avatar.deleted', { avatar_id: randomUUID(), user_id: author.id, storage_prefix: 'x' });
    const cached = await world.caches.items.lookup([postId], [author.id], reader.id);
    expect(cached.likeCounts.has(postId)).toBe(false);
    expect(cached.authors.has(author.id)).toBe(false);
    expect(cached.liked).toBeNull();
  });

  it('drops an author summary when the author renames or changes their shown avatar', async () => {
    const { world, reader, author, handle } = await makeSut();
    const [item] = (await world.getHomeFeed.execute({ viewerId: reader.id, page: { limit: 1, after: null } }))
      .items;
    const postId = item!.post.id;
    expect((await world.caches.items.lookup([postId], [author.id], reader.id)).authors.has(author.id)).toBe(
      true,
    );
    await handle('user.profile_changed', { user_id: author.id, changed: ['display_name'] });
    expect((await world.caches.items.lookup([postId], [author.id], reader.id)).authors.has(author.id)).toBe(
      false,
    );
  });
});
