import { describe, expect, it } from '@jest/globals';
import { LikePost } from '#application/social/like-post.use-case.ts';
import { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import { PostNotFound } from '#domain/social/post.errors.ts';
import { Post } from '#domain/social/post.entity.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { inMemorySocial } from '../../../support/fakes/in-memory-social.ts';

async function makeSut() {
  const world = inMemorySocial();
  const [author, fan] = [aUser(), aUser()];
  const post = Post.create({
    id: world.ids.next(),
    authorId: author.id,
    text: 'likeable',
    at: world.clock.now(),
  });
  await world.unitOfWork.transaction(async () => {
    await world.users.add(author);
    await world.users.add(fan);
    await world.posts.add(post);
  });
  const like = new LikePost(world.unitOfWork, world.posts, world.likes, world.events, world.clock);
  const unlike = new UnlikePost(world.unitOfWork, world.posts, world.likes, world.events, world.clock);
  return { like, unlike, world, author, fan, post };
}

describe('LikePost and UnlikePost', () => {
  it('likes a post once: the repeat changes nothing and announces nothing', async () => {
    const { like, world, author, fan, post } = await makeSut();
    await like.execute({ userId: fan.id, postId: post.id });
    await like.execute({ userId: fan.id, postId: post.id });

    expect(post.likeCount).toBe(1);
    expect(world.events.published).toEqual([
      expect.objectContaining({
        type: 'post.liked',
        payload: { post_id: post.id, user_id: fan.id, author_id: author.id },
      }),
    ]);
  });

  it('unlikes a liked post once: the repeat changes nothing and announces nothing', async () => {
    const { like, unlike, world, author, fan, post } = await makeSut();
    await like.execute({ userId: fan.id, postId: post.id });
    world.clock.advance(1_000);
    await unlike.execute({ userId: fan.id, postId: post.id });
    await unlike.execute({ userId: fan.id, postId: post.id });

    expect(post.likeCount).toBe(0);
    expect(world.events.types()).toEqual(['post.liked', 'post.unliked']);
    expect(world.events.published[1]).toMatchObject({
      occurredAt: world.clock.now(),
      payload: { post_id: post.id, user_id: fan.id, author_id: author.id },
    });
  });

  it('unliking a post one never liked is a quiet no-op', async () => {
    const { unlike, world, fan, post } = await makeSut();
    await unlike.execute({ userId: fan.id, postId: post.id });
    expect(world.events.published).toEqual([]);
  });

  it('rejects a like or unlike of an unknown post', async () => {
    const { like, unlike, fan } = await makeSut();
    const postId = '00000000-0000-7000-8000-00000000dead';
    await expect(like.execute({ userId: fan.id, postId })).rejects.toBeInstanceOf(PostNotFound);
    await expect(unlike.execute({ userId: fan.id, postId })).rejects.toMatchObject({
      code: 'post.not_found',
      kind: 'not_found',
    });
  });

  it('lets authors like their own posts', async () => {
    const { like, author, post } = await makeSut();
    await like.execute({ userId: author.id, postId: post.id });
    expect(post.likeCount).toBe(1);
  });
});
