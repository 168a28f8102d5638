import { describe, expect, it } from '@jest/globals';
import { Like } from '#domain/social/like.entity.ts';
import { Post } from '#domain/social/post.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const post = Post.create({
  id: '00000000-0000-7000-8000-000000000001',
  authorId: '00000000-0000-7000-8000-0000000000aa',
  text: 'x',
  at,
});
const fan = '00000000-0000-7000-8000-0000000000bb';

describe('Like', () => {
  it("is given to a post and records post.liked with the post's author", () => {
    const like = Like.give(post, fan, at);
    expect(like).toMatchObject({ userId: fan, postId: post.id, createdAt: at });
    expect(like.pullEvents()).toEqual([
      {
        type: 'post.liked',
        version: 1,
        occurredAt: at,
        payload: { post_id: post.id, user_id: fan, author_id: post.authorId },
      },
    ]);
  });

  it('records post.unliked when withdrawn', () => {
    const like = Like.give(post, fan, at);
    like.pullEvents();
    const later = new Date(at.getTime() + 1000);
    like.withdraw(post, later);
    expect(like.pullEvents()).toEqual([
      {
        type: 'post.unliked',
        version: 1,
        occurredAt: later,
        payload: { post_id: post.id, user_id: fan, author_id: post.authorId },
      },
    ]);
  });

  it('cannot be withdrawn against another post', () => {
    const other = Post.create({
      id: '00000000-0000-7000-8000-000000000002',
      authorId: post.authorId,
      text: 'y',
      at,
    });
    expect(() => Like.give(post, fan, at).withdraw(other, at)).toThrow(/withdrawn against post/);
  });
});
