import { describe, expect, it } from '@jest/globals';
import { FollowUser } from '#application/social/follow-user.use-case.ts';
import { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { CannotFollowYourself } from '#domain/social/follow.entity.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { inMemorySocial } from '../../../support/fakes/in-memory-social.ts';

async function makeSut() {
  const world = inMemorySocial();
  const [ada, bob] = [aUser(), aUser()];
  await world.unitOfWork.transaction(async () => {
    await world.users.add(ada);
    await world.users.add(bob);
  });
  const follow = new FollowUser(world.unitOfWork, world.users, world.follows, world.events, world.clock);
  const unfollow = new UnfollowUser(world.unitOfWork, world.users, world.follows, world.events, world.clock);
  return { follow, unfollow, world, ada, bob };
}

describe('FollowUser and UnfollowUser', () => {
  it('follows once and counts it on both sides: the repeat changes nothing and announces nothing', async () => {
    const { follow, world, ada, bob } = await makeSut();
    await follow.execute({ followerId: ada.id, followeeId: bob.id });
    await follow.execute({ followerId: ada.id, followeeId: bob.id });

    expect([ada.followingCount, bob.followersCount]).toEqual([1, 1]);
    expect(world.events.published).toEqual([
      expect.objectContaining({
        type: 'user.followed',
        payload: { follower_id: ada.id, followee_id: bob.id },
      }),
    ]);
  });

  it('unfollows once: the repeat changes nothing and announces nothing', async () => {
    const { follow, unfollow, world, ada, bob } = await makeSut();
    await follow.execute({ followerId: ada.id, followeeId: bob.id });
    await unfollow.execute({ followerId: ada.id, followeeId: bob.id });
    await unfollow.execute({ followerId: ada.id, followeeId: bob.id });

    expect([ada.followingCount, bob.followersCount]).toEqual([0, 0]);
    expect(world.events.types()).toEqual(['user.followed', 'user.unfollowed']);
  });

  it('refuses to follow oneself, before looking anything up', async () => {
    const { follow, world, ada } = await makeSut();
    await expect(follow.execute({ followerId: ada.id, followeeId: ada.id })).rejects.toBeInstanceOf(
      CannotFollowYourself,
    );
    expect(world.events.published).toEqual([]);
  });

  it('treats unfollowing oneself as the no-op it is', async () => {
    const { unfollow, world, ada } = await makeSut();
    await unfollow.execute({ followerId: ada.id, followeeId: ada.id });
    expect(world.events.published).toEqual([]);
  });

  it('rejects following or unfollowing an unknown user', async () => {
    const { follow, unfollow, ada } = await makeSut();
    const ghost = '00000000-0000-7000-8000-00000000dead';
    await expect(follow.execute({ followerId: ada.id, followeeId: ghost })).rejects.toBeInstanceOf(
      UserNotFound,
    );
    await expect(unfollow.execute({ followerId: ada.id, followeeId: ghost })).rejects.toMatchObject({
      code: 'user.not_found',
    });
  });
});
