import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresIdempotencyStore } from '#adapters/postgres/idempotency/postgres-idempotency-store.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowViews } from '#adapters/postgres/social/postgres-follow-views.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostViews } from '#adapters/postgres/social/postgres-post-views.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { Like } from '#domain/social/like.entity.ts';
import { Post } from '#domain/social/post.entity.ts';
import { openPostgresForTest, type OpenedTestDatabase } from '../../../../support/databases.ts';

interface Statement {
  sql: string;
  params: unknown[];
}

/** Records every statement the pg driver sends while `work` runs: the adapters' SQL exactly. */
async function captured(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (typeof text === 'string') statements.push({ sql: text, params: values ?? [] });
    else if (text && typeof text === 'object' && 'text' in text)
      statements.push({ sql: text.text, params: text.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements.filter((s) => /^\s*(with|select|insert|update|delete)\b/i.test(s.sql));
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const scans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [String(node['Relation Name'])] : []),
  ...(node.Plans ?? []).flatMap(scans),
];

describe('hot social queries on a populated PostgreSQL: every one uses an index', () => {
  let db: OpenedTestDatabase;
  let ids: { users: string[]; posts: string[] };
  const sql = <T>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);

  beforeAll(async () => {
    db = await openPostgresForTest();
    // 20 000 users, 60 000 posts, 200 000 follows, 60 000 likes, 20 000 idempotency keys: big enough
    // that the planner prefers an index wherever one fits (small tables are seq-scanned by design).
    await sql(`insert into users (id, email, handle, display_name, created_at, updated_at)
      select gen_random_uuid(), 'u' || i || '@example.com', 'u_' || i, 'User ' || i, now(), now()
        from generate_series(1, 20000) i`);
    // A plain table (each statement may take another pooled connection, so no temporary one).
    await sql(`create table numbered as select id, row_number() over (order by id) as n from users`);
    await sql('create unique index on numbered (n)');
    await sql(`insert into posts (id, author_id, text, created_at)
      select gen_random_uuid(), u.id, 'post ' || i, now() - (i || ' seconds')::interval
        from generate_series(1, 60000) i join numbered u on u.n = 1 + i % 2000`);
    await sql(`insert into follows (follower_id, followee_id, created_at)
      select a.id, b.id, now() - (a.n * 20 + g || ' seconds')::interval
        from numbered a cross join generate_series(1, 10) g join numbered b on b.n = 1 + (a.n + g * 7) % 20000
      on conflict do nothing`);
    await sql(`insert into likes (user_id, post_id, created_at)
      select u.id, p.id, now() from (select id, row_number() over () as n from posts) p
        join numbered u on u.n = 1 + (p.n * 13) % 2000`);
    await sql(`insert into idempotency_keys (user_id, key, fingerprint, status, claim_token, locked_until, created_at, expires_at)
      select u.id, 'key-' || g, repeat('a', 64), 'completed', gen_random_uuid(), now(), now(), now() + interval '1 day'
        from numbered u cross join generate_series(1, 10) g where u.n <= 2000`);
    await sql('analyze');
    ids = {
      users: (await sql<{ id: string }>('select id from numbered order by n limit 3')).map((r) => r.id),
      posts: (await sql<{ id: string }>('select id from posts limit 1')).map((r) => r.id),
    };
  }, 60_000);
  afterAll(() => db.close());

  it('posts, likes, follows, their views and idempotency keys: no sequential scan anywhere', async () => {
    const em = db.orm.em;
    const uow = new PostgresUnitOfWork(em);
    const posts = new PostgresPostRepository(em);
    const likes = new PostgresLikeRepository(em);
    const follows = new PostgresFollowRepository(em);
    const postViews = new PostgresPostViews(em);
    const followViews = new PostgresFollowViews(em);
    const store = new PostgresIdempotencyStore(em);
    const [a, b, c] = ids.users as [string, string, string];
    const now = new Date();

    const statements = await captured(async () => {
      const post = Post.create({ id: randomUUID(), authorId: a, text: 'plan me', at: now });
      await uow.transaction(() => posts.add(post));
      const existing = (await posts.byId(ids.posts[0]!))!;
      await uow.transaction(() => likes.add(Like.give(existing, b, now)));
      const like = (await likes.find(b, existing.id))!;
      await uow.transaction(() => likes.remove(like));
      await uow.transaction(() => follows.add(Follow.start(c, a, now)));
      const follow = (await follows.find(c, a))!;
      await uow.transaction(() => follows.remove(follow));
      await postViews.byId(existing.id, b);
      const page = await postViews.byAuthor(a, b, { limit: 20, after: null });
      await postViews.byAuthor(a, b, { limit: 20, after: page.next });
      for (const list of ['followers', 'following'] as const) {
        const first = await followViews[list](a, { limit: 20, after: null });
        await followViews[list](a, { limit: 20, after: first.next });
      }
      const claim = {
        userId: a,
        key: 'key-1',
        fingerprint: 'b'.repeat(64),
        token: randomUUID(),
        now,
        lockedUntil: now,
        expiresAt: now,
      };
      await store.claim(claim); // exists: upsert, then the lookup
      await store.claim({ ...claim, key: 'fresh' });
      await uow.transaction(() =>
        store.complete(a, 'fresh', claim.token, { status: 201, headers: {}, body: {} }),
      );
      await store.release(a, 'fresh', claim.token);
      await store.deleteExpired(new Date(now.getTime() - 86_400_000), 100);
    });

    expect(statements.length).toBeGreaterThanOrEqual(20);
    const client = new pg.Client({ connectionString: db.orm.config.get('clientUrl') as string });
    await client.connect();
    try {
      const offenders: string[] = [];
      for (const { sql: text, params } of statements) {
        const { rows } = await client.query(`explain (format json) ${text}`, params);
        const plan = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
        const seq = scans(plan);
        if (seq.length > 0) offenders.push(`${seq.join(', ')} ← ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      expect(offenders).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
