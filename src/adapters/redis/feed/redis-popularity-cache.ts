import { randomUUID } from 'node:crypto';
import type { CachedRanking, PopularityCache } from '#application/feed/popularity-cache.ts';
import type { PopularityStanding } from '#application/feed/popularity-store.ts';
import type { PopularPosition, PopularPost } from '#domain/feed/popularity.ts';
import type { Redis } from '../redis-client.ts';
import { LuaScript } from '../lua-script.ts';

const KEYS = ['feed:pop:rank', 'feed:pop:born', 'feed:pop:meta', 'feed:pop:lease'];

/** KEYS: rank, born, meta · ARGV: since ms, max score|+inf, cursor id|'', limit */
const top = LuaScript.fromFile(new URL('./lua/popularity-top.lua', import.meta.url));

/** KEYS: rank, born, meta, lease · ARGV: token, complete, then score, member, created ms triples */
const fill = LuaScript.fromFile(new URL('./lua/popularity-fill.lua', import.meta.url));

/**
 * KEYS: rank, born, meta, lease · ARGV: member, score|'' (remove), created ms, cap. A post
 * whose new score falls below an incomplete cached range leaves it (the store serves it).
 */
const record = LuaScript.fromFile(new URL('./lua/popularity-record.lua', import.meta.url));

/**
 * The trending ranking: `feed:pop:rank` (score = popularity), `feed:pop:born` (score =
 * post time, to drop posts leaving the window), `feed:pop:meta`, `feed:pop:lease`.
 * Members are `<post id>:<author id>:<created ms>`, stable per post.
 */
export class RedisPopularityCache implements PopularityCache {
  private readonly redis: Redis;
  private readonly size: number;

  constructor(redis: Redis, size: number) {
    this.redis = redis;
    this.size = size;
  }

  async top(since: Date, after: PopularPosition | null, limit: number): Promise<CachedRanking | null> {
    const result = (await top.run(this.redis, KEYS.slice(0, 3), [
      since.getTime(),
      after ? String(after.score) : '+inf',
      after?.id ?? '',
      limit,
    ])) as [string, string[]] | null;
    if (!result) return null;
    const [complete, pairs] = result;
    const posts: PopularPost[] = [];
    for (let i = 0; i < pairs.length; i += 2)
      posts.push({ ...postOf(pairs[i]!), score: Number(pairs[i + 1]) });
    return { posts, complete: complete === '1' };
  }

  async lease(): Promise<string | null> {
    const token = randomUUID();
    const set = await this.redis.set(KEYS[3]!, token, 'PX', 10_000, 'NX');
    return set === 'OK' ? token : null;
  }

  async fill(lease: string, snapshot: CachedRanking): Promise<boolean> {
    const posts = snapshot.posts.slice(0, this.size);
    const complete = snapshot.complete && posts.length === snapshot.posts.length;
    const args = posts.flatMap((p) => [String(p.score), memberOf(p), String(p.createdAt.getTime())]);
    return (await fill.run(this.redis, KEYS, [lease, complete ? '1' : '0', ...args])) === 1;
  }

  async record(standing: PopularityStanding): Promise<void> {
    await record.run(this.redis, KEYS, [
      memberOf(standing),
      standing.score === null ? '' : String(standing.score),
      String(standing.createdAt.getTime()),
      this.size,
    ]);
  }
}

function memberOf(post: { postId: string; authorId: string; createdAt: Date }): string {
  return `${post.postId}:${post.authorId}:${post.createdAt.getTime()}`;
}

function postOf(member: string): Omit<PopularPost, 'score'> {
  return {
    postId: member.slice(0, 36),
    authorId: member.slice(37, 73),
    createdAt: new Date(Number(member.slice(74))),
  };
}
