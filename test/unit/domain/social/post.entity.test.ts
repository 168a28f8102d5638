import { describe, expect, it } from '@jest/globals';
import { Post } from '#domain/social/post.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const valid = {
  id: '00000000-0000-7000-8000-000000000001',
  authorId: '00000000-0000-7000-8000-0000000000aa',
  at,
};

describe('Post', () => {
  it('is created with its normalised text and no likes, and records post.created', () => {
    const post = Post.create({ ...valid, text: '  hello  ' });
    expect(post).toMatchObject({
      id: valid.id,
      authorId: valid.authorId,
      text: 'hello',
      createdAt: at,
      likeCount: 0,
    });
    expect(post.pullEvents()).toEqual([
      {
        type: 'post.created',
        version: 1,
        occurredAt: at,
        payload: { post_id: valid.id, author_id: valid.authorId, created_at: '2026-11-22T09:00:00.000Z' },
      },
    ]);
  });

  it('is not created from an invalid text, and records nothing', () => {
    expect(() => Post.create({ ...valid, text: ' ' })).toThrow(
      expect.objectContaining({ code: 'post.text_empty' }),
    );
  });

  it('is immutable: it offers no way to change its text', () => {
    const post = Post.create({ ...valid, text: 'first' });
    const methods = Object.getOwnPropertyNames(Post.prototype).filter((m) => m !== 'constructor');
    expect(methods).toEqual([]);
    expect(Object.isFrozen(post.pullEvents()[0]!.payload)).toBe(true);
  });
});
