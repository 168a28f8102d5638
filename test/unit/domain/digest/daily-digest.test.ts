import { describe, expect, it } from '@jest/globals';
import {
  composeDailyDigest,
  dailyDigestRequested,
  DIGEST_LIMITS,
  noActivity,
  noTasks,
  type SocialActivity,
} from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';

const recipient = {
  userId: '00000000-0000-7000-8000-0000000000aa',
  email: 'ada@example.com',
  displayName: 'Ada',
};
const date = DigestDate.parse('2026-11-23');
const post = (likeCount: number, text = `post with ${likeCount} likes`) => ({
  postId: `00000000-0000-7000-8000-${String(likeCount).padStart(12, '0')}`,
  authorHandle: 'grace',
  text,
  likeCount,
});

describe('composing a daily digest', () => {
  it('counts what is undone as what is not done', () => {
    const digest = composeDailyDigest(
      recipient,
      date,
      { total: 5, done: 2, undoneTitles: ['a', 'b', 'c'] },
      noActivity,
    );
    expect(digest).toMatchObject({
      user_id: recipient.userId,
      email: 'ada@example.com',
      display_name: 'Ada',
      digest_date: '2026-11-23',
      stats: { total: 5, done: 2, undone: 3 },
      undone_titles: ['a', 'b', 'c'],
    });
  });

  it('caps the titles it lists but keeps the exact counts', () => {
    const titles = Array.from({ length: 25 }, (_, i) => `task ${i}`);
    const digest = composeDailyDigest(
      recipient,
      date,
      { total: 30, done: 5, undoneTitles: titles },
      noActivity,
    );
    expect(digest.undone_titles).toEqual(titles.slice(0, DIGEST_LIMITS.undoneTitles));
    expect(digest.stats).toEqual({ total: 30, done: 5, undone: 25 });
  });

  it('reports a user with nothing at all as zeros, never as missing fields', () => {
    expect(composeDailyDigest(recipient, date, noTasks, noActivity)).toEqual({
      user_id: recipient.userId,
      email: 'ada@example.com',
      display_name: 'Ada',
      digest_date: '2026-11-23',
      stats: { total: 0, done: 0, undone: 0 },
      undone_titles: [],
      activity: { new_posts: 0, posts: [], likes_received: 0, new_followers: 0, follower_handles: [] },
    });
  });

  it('highlights the most-liked posts, capped, with long texts cut to an excerpt', () => {
    const long = 'é'.repeat(300);
    const activity: SocialActivity = {
      newPosts: 5,
      highlights: [post(1), post(9, long), post(4), post(7), post(2)],
      likesReceived: 3,
      newFollowers: 8,
      followerHandles: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'],
    };
    const digest = composeDailyDigest(recipient, date, noTasks, activity);
    expect(digest.activity.posts.map((p) => p.like_count)).toEqual([9, 7, 4]);
    const excerpt = digest.activity.posts[0]!.text;
    expect([...excerpt]).toHaveLength(DIGEST_LIMITS.excerptLength);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(digest.activity).toMatchObject({ new_posts: 5, likes_received: 3, new_followers: 8 });
    expect(digest.activity.follower_handles).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it.each([
    ['more done than total', { total: 1, done: 2, undoneTitles: [] }, noActivity],
    ['a negative count', noTasks, { ...noActivity, likesReceived: -1 }],
    ['a fractional count', { total: 1.5, done: 0, undoneTitles: [] }, noActivity],
  ])('refuses inconsistent figures: %s', (_case, tasks, activity) => {
    expect(() => composeDailyDigest(recipient, date, tasks, activity)).toThrow(RangeError);
  });

  it('becomes an email.daily_digest.requested event', () => {
    const at = new Date('2026-11-23T00:00:01.000Z');
    const payload = composeDailyDigest(recipient, date, noTasks, noActivity);
    expect(dailyDigestRequested(payload, at)).toEqual({
      type: 'email.daily_digest.requested',
      version: 1,
      occurredAt: at,
      payload,
    });
  });
});
