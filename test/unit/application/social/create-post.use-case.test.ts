import { describe, expect, it } from '@jest/globals';
import { CreatePost } from '#application/social/create-post.use-case.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { inMemorySocial } from '../../../support/fakes/in-memory-social.ts';

async function makeSut() {
  const world = inMemorySocial();
  const author = aUser();
  await world.unitOfWork.transaction(() => world.users.add(author));
  const sut = new CreatePost(world.unitOfWork, world.posts, world.events, world.ids, world.clock);
  return { sut, world, author };
}

describe('CreatePost', () => {
  it("stores the post with a new id and the clock's time, counts it for the author, and announces post.created", async () => {
    const { sut, world, author } = await makeSut();
    const post = await sut.execute({ authorId: author.id, text: ' first post ' });

    expect(post).toMatchObject({
      id: '00000000-0000-7000-8000-000000000001',
      text: 'first post',
      createdAt: world.clock.now(),
    });
    expect(world.posts.posts.get(post.id)).toBe(post);
    expect(author.postsCount).toBe(1);
    expect(world.events.published).toEqual([
      expect.objectContaining({
        type: 'post.created',
        payload: { post_id: post.id, author_id: author.id, created_at: world.clock.now().toISOString() },
      }),
    ]);
  });

  it('rejects an invalid text before touching anything', async () => {
    const { sut, world, author } = await makeSut();
    const committed = world.unitOfWork.committed;
    await expect(sut.execute({ authorId: author.id, text: 'x'.repeat(501) })).rejects.toMatchObject({
      code: 'post.text_too_long',
    });
    expect(world.posts.posts.size).toBe(0);
    expect(world.events.published).toEqual([]);
    expect(world.unitOfWork.committed).toBe(committed);
  });

  it('announces nothing when storing fails', async () => {
    const { sut, world } = await makeSut();
    await expect(
      sut.execute({ authorId: '00000000-0000-7000-8000-00000000dead', text: 'hi' }),
    ).rejects.toThrow(/no user/);
    expect(world.events.published).toEqual([]);
  });
});
