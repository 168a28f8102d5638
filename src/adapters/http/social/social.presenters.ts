import type { Post } from '#domain/social/post.entity.ts';
import type { Page } from '#application/social/page.ts';
import type { FollowView, PostView, UserSummary } from '#application/social/social.views.ts';
import { encodeCursor } from '../keyset-cursor.ts';

/** Turns views into the API's snake_case JSON; `publicUrl` makes avatar links absolute. */
export class SocialPresenter {
  private readonly publicUrl: string;

  constructor(publicUrl: string) {
    this.publicUrl = publicUrl.replace(/\/$/, '');
  }

  createdPost(post: Post) {
    return {
      id: post.id,
      text: post.text,
      author_id: post.authorId,
      created_at: post.createdAt.toISOString(),
    };
  }

  user(user: UserSummary) {
    return {
      id: user.id,
      handle: user.handle,
      display_name: user.displayName,
      // The avatar's own URL changes when the avatar does, so it can be cached for long.
      avatar_url: user.avatarId ? `${this.publicUrl}/api/v1/avatars/${user.avatarId}` : null,
    };
  }

  post(view: PostView) {
    return {
      id: view.id,
      text: view.text,
      created_at: view.createdAt.toISOString(),
      author: this.user(view.author),
      like_count: view.likeCount,
      liked_by_me: view.likedByMe,
    };
  }

  postPage(page: Page<PostView>) {
    return { items: page.items.map((p) => this.post(p)), next_cursor: encodeCursor(page.next) };
  }

  followPage(page: Page<FollowView>) {
    return {
      items: page.items.map((f) => ({ ...this.user(f.user), followed_at: f.followedAt.toISOString() })),
      next_cursor: encodeCursor(page.next),
    };
  }
}
