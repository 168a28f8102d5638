import { describe, expect, it } from '@jest/globals';
import { GetPost } from '#application/social/get-post.use-case.ts';
import { ListFollows } from '#application/social/list-follows.use-case.ts';
import { ListUserPosts } from '#application/social/list-user-posts.use-case.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { Post } from '#domain/social/post.entity.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { inMemorySocial } from '../../../support/fakes/in-memory-social.ts';

async function makeSut() {
  const world = inMemorySocial();
  const [ada, bob] = [aUser(), aUser()];
  const post = Post.create({ id: world.ids.next(), authorId: ada.id, text: 'hi', at: world.clock.now() });
  await world.unitOfWork.transaction(async () => {
    await world.users.add(ada);
    await world.users.add(bob);
    await world.posts.add(post);
    await world.follows.add(Follow.start(bob.id, ada.id, world.clock.now()));
  });
  return {
    world,
    ada,
    bob,
    post,
    getPost: new GetPost(world.postViews),
    listPosts: new ListUserPosts(world.users, world.postViews),
    listFollows: new ListFollows(world.users, world.followViews),
  };
}
const first = { limit: 20, after: null };
const ghost = '00000000-0000-7000-8000-00000000dead';

describe('social queries', () => {
  it('shows a post to a viewer, and rejects an unknown one', async () => {
    const { getPost, post, bob } = await makeSut();
    expect(await getPost.execute({ postId: post.id, viewerId: bob.id })).toMatchObject({
      id: post.id,
      likedByMe: false,
    });
    await expect(getPost.execute({ postId: ghost, viewerId: bob.id })).rejects.toMatchObject({
      code: 'post.not_found',
    });
  });

  it("lists a user's posts, and rejects an unknown user rather than answering an empty list", async () => {
    const { listPosts, ada, bob, post } = await makeSut();
    expect(
      (await listPosts.execute({ authorId: ada.id, viewerId: bob.id, page: first })).items.map((p) => p.id),
    ).toEqual([post.id]);
    await expect(listPosts.execute({ authorId: ghost, viewerId: bob.id, page: first })).rejects.toMatchObject(
      {
        code: 'user.not_found',
      },
    );
  });

  it('lists followers and followings in the asked direction, and rejects an unknown user', async () => {
    const { listFollows, ada, bob } = await makeSut();
    const ids = async (userId: string, direction: 'followers' | 'following') =>
      (await listFollows.execute({ userId, direction, page: first })).items.map((f) => f.user.id);
    expect(await ids(ada.id, 'followers')).toEqual([bob.id]);
    expect(await ids(ada.id, 'following')).toEqual([]);
    expect(await ids(bob.id, 'following')).toEqual([ada.id]);
    await expect(
      listFollows.execute({ userId: ghost, direction: 'followers', page: first }),
    ).rejects.toMatchObject({
      code: 'user.not_found',
    });
  });
});
