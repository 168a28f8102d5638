import { describe, expect, it } from '@jest/globals';
import { CannotFollowYourself, Follow } from '#domain/social/follow.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const ada = '00000000-0000-7000-8000-0000000000aa';
const bob = '00000000-0000-7000-8000-0000000000bb';

describe('Follow', () => {
  it('starts between two people and records user.followed', () => {
    const follow = Follow.start(ada, bob, at);
    expect(follow).toMatchObject({ followerId: ada, followeeId: bob, createdAt: at });
    expect(follow.pullEvents()).toEqual([
      { type: 'user.followed', version: 1, occurredAt: at, payload: { follower_id: ada, followee_id: bob } },
    ]);
  });

  it('cannot start with oneself', () => {
    expect(() => Follow.start(ada, ada, at)).toThrow(CannotFollowYourself);
    expect(() => Follow.start(ada, ada, at)).toThrow(
      expect.objectContaining({ code: 'follow.self', kind: 'invalid' }),
    );
  });

  it('records user.unfollowed when it ends', () => {
    const follow = Follow.start(ada, bob, at);
    follow.pullEvents();
    follow.end(at);
    expect(follow.pullEvents()).toEqual([
      {
        type: 'user.unfollowed',
        version: 1,
        occurredAt: at,
        payload: { follower_id: ada, followee_id: bob },
      },
    ]);
  });
});
