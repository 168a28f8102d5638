import { describe, expect, it } from '@jest/globals';
import { FeedPresenter } from '#adapters/http/feed/feed.presenter.ts';
import type { FeedItem } from '#application/feed/feed-items.ts';

const AUTHOR = '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55';
const AVATAR = '0193f5c2-7a1e-7c3d-9a4b-aaaaaaaaaaaa';

function item(avatarId: string | null): FeedItem {
  return {
    post: {
      id: '0193f5c2-7a1e-7c3d-9a4b-000000000001',
      authorId: AUTHOR,
      text: 'hello',
      createdAt: new Date('2026-11-22T09:00:00.000Z'),
    },
    author: { id: AUTHOR, handle: 'ada', displayName: 'Ada', avatarId },
    likeCount: 3,
    likedByMe: true,
  };
}

describe('FeedPresenter', () => {
  it('shows items in snake_case with the post, its author and the like counters', () => {
    expect(new FeedPresenter('https://rookery.example').items([item(null)])).toEqual([
      {
        post: {
          id: '0193f5c2-7a1e-7c3d-9a4b-000000000001',
          text: 'hello',
          author_id: AUTHOR,
          created_at: '2026-11-22T09:00:00.000Z',
        },
        author: { id: AUTHOR, handle: 'ada', display_name: 'Ada', avatar_url: null },
        like_count: 3,
        liked_by_me: true,
      },
    ]);
  });

  it("links the author's current avatar by its own id, as profiles do", () => {
    const [shown] = new FeedPresenter('https://rookery.example/').items([item(AVATAR)]);
    expect(shown!.author.avatar_url).toBe(`https://rookery.example/api/v1/avatars/${AVATAR}`);
  });
});
