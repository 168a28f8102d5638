import type { SqlEntityManager } from '@mikro-orm/sql';
import { DIGEST_LIMITS, type PostHighlight, type SocialActivity } from '#domain/digest/daily-digest.ts';
import { uuidValues } from './sql-lists.ts';

interface Activity {
  newPosts: number;
  highlights: PostHighlight[];
  likesReceived: number;
  newFollowers: number;
  followerHandles: string[];
}

type Count = { user_id: string; n: number | string };

/**
 * A batch's social activity in `[from, to)`, set-based: posts by the people each user
 * follows (follows' primary key, then posts_author_created_idx), likes on their own posts
 * by others (likes_post_created_idx), and new followers (follows_followee_created_idx).
 * Lists are capped in SQL by lateral subqueries, so no user's popularity grows the batch.
 */
export async function socialActivityOf(
  em: SqlEntityManager,
  userIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<Map<string, SocialActivity>> {
  const ids = uuidValues(userIds);
  const range = [window.from, window.to];
  const result = new Map<string, Activity>();
  const of = (userId: string) => {
    let activity = result.get(userId);
    if (!activity) {
      activity = { newPosts: 0, highlights: [], likesReceived: 0, newFollowers: 0, followerHandles: [] };
      result.set(userId, activity);
    }
    return activity;
  };

  const posts = await em.execute<Count[]>(
    `select f.follower_id as user_id, count(*) as n
       from follows f join posts p on p.author_id = f.followee_id
      where f.follower_id in (select id from ${ids} as v(id)) and p.created_at >= ? and p.created_at < ?
      group by f.follower_id`,
    [...userIds, ...range],
  );
  for (const row of posts) of(row.user_id).newPosts = Number(row.n);

  const highlights = await em.execute<
    { user_id: string; post_id: string; handle: string; text: string; like_count: number | string }[]
  >(
    `select v.id as user_id, h.post_id, h.handle, h.text, h.like_count from ${ids} as v(id)
     cross join lateral (
       select p.id as post_id, a.handle, p.text, p.like_count
         from follows f join posts p on p.author_id = f.followee_id join users a on a.id = p.author_id
        where f.follower_id = v.id and p.created_at >= ? and p.created_at < ?
        order by p.like_count desc, p.created_at desc, p.id desc limit ?
     ) h`,
    [...userIds, ...range, DIGEST_LIMITS.highlights],
  );
  for (const row of highlights) {
    of(row.user_id).highlights.push({
      postId: row.post_id,
      authorHandle: row.handle,
      text: row.text,
      likeCount: Number(row.like_count),
    });
  }

  const likes = await em.execute<Count[]>(
    `select p.author_id as user_id, count(*) as n
       from posts p join likes l on l.post_id = p.id
      where p.author_id in (select id from ${ids} as v(id)) and l.user_id <> p.author_id
        and l.created_at >= ? and l.created_at < ?
      group by p.author_id`,
    [...userIds, ...range],
  );
  for (const row of likes) of(row.user_id).likesReceived = Number(row.n);

  const followers = await em.execute<Count[]>(
    `select f.followee_id as user_id, count(*) as n from follows f
      where f.followee_id in (select id from ${ids} as v(id)) and f.created_at >= ? and f.created_at < ?
      group by f.followee_id`,
    [...userIds, ...range],
  );
  for (const row of followers) of(row.user_id).newFollowers = Number(row.n);

  const handles = await em.execute<{ user_id: string; handle: string }[]>(
    `select v.id as user_id, x.handle from ${ids} as v(id)
     cross join lateral (
       select u.handle, f.created_at from follows f join users u on u.id = f.follower_id
        where f.followee_id = v.id and f.created_at >= ? and f.created_at < ?
        order by f.created_at desc limit ?
     ) x
     order by v.id, x.created_at desc`,
    [...userIds, ...range, DIGEST_LIMITS.followerHandles],
  );
  for (const row of handles) of(row.user_id).followerHandles.push(row.handle);
  return result;
}
