import { domainEvent, type DomainEvent } from '../shared/domain-event.ts';
import type { DigestDate } from './digest-date.ts';

/** How much of each list a digest carries: a summary, not an archive. */
export const DIGEST_LIMITS = Object.freeze({
  undoneTitles: 10,
  highlights: 3,
  followerHandles: 5,
  excerptLength: 140,
});

export interface DigestRecipient {
  userId: string;
  email: string;
  displayName: string;
}

/** A user's tasks as they stand when the digest is composed; `undoneTitles` oldest first. */
export interface TaskTally {
  total: number;
  done: number;
  undoneTitles: readonly string[];
}

export interface PostHighlight {
  postId: string;
  authorHandle: string;
  text: string;
  likeCount: number;
}

/** What happened around a user in the digest's window. */
export interface SocialActivity {
  /** Posts written by the people the user follows. */
  newPosts: number;
  highlights: readonly PostHighlight[];
  /** Likes the user's own posts received. */
  likesReceived: number;
  newFollowers: number;
  followerHandles: readonly string[];
}

export const noTasks: TaskTally = Object.freeze({ total: 0, done: 0, undoneTitles: [] });
export const noActivity: SocialActivity = Object.freeze({
  newPosts: 0,
  highlights: [],
  likesReceived: 0,
  newFollowers: 0,
  followerHandles: [],
});

/** The `email.daily_digest.requested` payload: everything the mailer needs, nothing it must look up. */
export interface DailyDigestPayload {
  user_id: string;
  email: string;
  display_name: string;
  digest_date: string;
  stats: { total: number; done: number; undone: number };
  undone_titles: string[];
  activity: {
    new_posts: number;
    posts: { post_id: string; author_handle: string; text: string; like_count: number }[];
    likes_received: number;
    new_followers: number;
    follower_handles: string[];
  };
}

export type DailyDigestRequested = DomainEvent<'email.daily_digest.requested', DailyDigestPayload>;

/**
 * Applies the digest's rules: undone is what is not done, lists are capped (the counts
 * stay exact), the most-liked posts are highlighted, and long posts become excerpts.
 */
export function composeDailyDigest(
  recipient: DigestRecipient,
  date: DigestDate,
  tasks: TaskTally,
  activity: SocialActivity,
): DailyDigestPayload {
  const counts = [tasks.total, tasks.done, activity.newPosts, activity.likesReceived, activity.newFollowers];
  if (counts.some((n) => !Number.isInteger(n) || n < 0) || tasks.done > tasks.total) {
    throw new RangeError(`inconsistent digest figures for user ${recipient.userId}`);
  }
  const undone = tasks.total - tasks.done;
  const highlights = [...activity.highlights]
    .sort((a, b) => b.likeCount - a.likeCount)
    .slice(0, DIGEST_LIMITS.highlights);
  return {
    user_id: recipient.userId,
    email: recipient.email,
    display_name: recipient.displayName,
    digest_date: date.value,
    stats: { total: tasks.total, done: tasks.done, undone },
    undone_titles: tasks.undoneTitles.slice(0, Math.min(undone, DIGEST_LIMITS.undoneTitles)),
    activity: {
      new_posts: activity.newPosts,
      posts: highlights.map((p) => ({
        post_id: p.postId,
        author_handle: p.authorHandle,
        text: excerpt(p.text),
        like_count: p.likeCount,
      })),
      likes_received: activity.likesReceived,
      new_followers: activity.newFollowers,
      follower_handles: activity.followerHandles.slice(0, DIGEST_LIMITS.followerHandles),
    },
  };
}

export function dailyDigestRequested(payload: DailyDigestPayload, at: Date): DailyDigestRequested {
  return domainEvent('email.daily_digest.requested', payload, at);
}

function excerpt(text: string): string {
  const chars = [...text];
  if (chars.length <= DIGEST_LIMITS.excerptLength) return text;
  return `${chars
    .slice(0, DIGEST_LIMITS.excerptLength - 1)
    .join('')
    .trimEnd()}…`;
}
