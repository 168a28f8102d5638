/** Payloads of the social events: snake_case, because they are the wire contract (docs/events.md). */

export interface PostCreatedPayload {
  post_id: string;
  author_id: string;
  /** ISO 8601 UTC, the post's own time (what feeds sort by). */
  created_at: string;
}

export interface PostLikedPayload {
  post_id: string;
  user_id: string;
  author_id: string;
}

export type PostUnlikedPayload = PostLikedPayload;

export interface UserFollowedPayload {
  follower_id: string;
  followee_id: string;
}

export type UserUnfollowedPayload = UserFollowedPayload;
