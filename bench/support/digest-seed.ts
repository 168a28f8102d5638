import pg from 'pg';

/**
 * What a digest run reads, for `users` users, set-based: three tasks each (one done), five
 * follows each, a post by every fifth user inside the digest's window, and two likes on
 * each post by its author's followers.
 */
export async function seedDigestWorld(url: string, users: number, window: { from: Date; to: Date }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = performance.now();
  const inWindow = new Date(window.from.getTime() + 12 * 3_600_000);
  try {
    await client.query(
      `insert into users (id, email, handle, display_name, created_at, updated_at)
       select gen_random_uuid(), 'u' || g || '@bench.test', 'u' || g, 'User ' || g, now(), now()
         from generate_series(1, $1) g`,
      [users],
    );
    await client.query(
      `insert into tasks (id, user_id, title, done, done_at, created_at, updated_at)
       select gen_random_uuid(), u.id, 'Task ' || k || ' of ' || u.handle, k = 1,
              case when k = 1 then now() end, now() - (4 - k) * interval '1 hour', now()
         from users u cross join generate_series(1, 3) k`,
    );
    await client.query(
      `insert into follows (follower_id, followee_id, created_at)
       select a.id, b.id, $2
         from users a cross join generate_series(1, 5) k
         join users b on b.handle = 'u' || ((substr(a.handle, 2)::int + k - 1) % $1 + 1)`,
      [users, new Date(window.from.getTime() - 86_400_000)],
    );
    await client.query(
      `insert into posts (id, author_id, text, created_at, like_count)
       select gen_random_uuid(), u.id, 'A post by ' || u.handle || ' about the day', $1, 2
         from users u where substr(u.handle, 2)::int % 5 = 0`,
      [inWindow],
    );
    await client.query(
      `insert into likes (user_id, post_id, created_at)
       select f.follower_id, p.id, $1 from posts p
       cross join lateral (select follower_id from follows where followee_id = p.author_id limit 2) f`,
      [inWindow],
    );
    await client.query('analyze');
    const counts = await client.query<{ t: string; n: string }>(
      `select 'users' as t, count(*) as n from users union all select 'tasks', count(*) from tasks
       union all select 'follows', count(*) from follows union all select 'posts', count(*) from posts
       union all select 'likes', count(*) from likes`,
    );
    return {
      seconds: (performance.now() - start) / 1000,
      rows: Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])),
    };
  } finally {
    await client.end();
  }
}
