import type { Page, PageRequest } from './page.ts';
import { token } from '../shared/token.ts';

/** How a user appears next to their posts and in follower lists. */
export interface UserSummary {
  id: string;
  handle: string;
  displayName: string;
  avatarId: string | null;
}

export interface PostView {
  id: string;
  text: string;
  createdAt: Date;
  author: UserSummary;
  likeCount: number;
  /** Whether the user asking likes it. */
  likedByMe: boolean;
}

export interface FollowView {
  user: UserSummary;
  /** When the follow started (the list's sort key). */
  followedAt: Date;
}

/** Posts as readers see them, read straight from the write model (newest first). */
export interface PostViews {
  byId(postId: string, viewerId: string): Promise<PostView | null>;
  byAuthor(authorId: string, viewerId: string, page: PageRequest): Promise<Page<PostView>>;
}
export const PostViews = token<PostViews>('PostViews');

/** Followers and followings, newest follow first; the position id is the listed user's id. */
export interface FollowViews {
  followers(userId: string, page: PageRequest): Promise<Page<FollowView>>;
  following(userId: string, page: PageRequest): Promise<Page<FollowView>>;
}
export const FollowViews = token<FollowViews>('FollowViews');
