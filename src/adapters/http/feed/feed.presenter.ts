import type { FeedItem } from '#application/feed/feed-items.ts';
import type { UserSummary } from '#application/social/social.views.ts';

/** Feed items as the API shows them (snake_case); `publicUrl` makes avatar links absolute. */
export class FeedPresenter {
  private readonly publicUrl: string;

  constructor(publicUrl: string) {
    this.publicUrl = publicUrl.replace(/\/$/, '');
  }

  items(items: readonly FeedItem[]) {
    return items.map((item) => ({
      post: {
        id: item.post.id,
        text: item.post.text,
        author_id: item.post.authorId,
        created_at: item.post.createdAt.toISOString(),
      },
      author: this.author(item.author),
      like_count: item.likeCount,
      liked_by_me: item.likedByMe,
    }));
  }

  private author(user: UserSummary) {
    return {
      id: user.id,
      handle: user.handle,
      display_name: user.displayName,
      // Per avatar, as on profiles: the image behind the address never changes, so it caches
      // for its full max-age; a new avatar is a new address (and author summaries are refreshed
      // on profile changes).
      avatar_url: user.avatarId ? `${this.publicUrl}/api/v1/avatars/${user.avatarId}` : null,
    };
  }
}
