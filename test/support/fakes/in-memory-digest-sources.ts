import type { DigestFacts } from '#application/digest/digest-facts.ts';
import type { DigestRecipients } from '#application/digest/digest-recipients.ts';
import {
  DIGEST_LIMITS,
  type DigestRecipient,
  type SocialActivity,
  type TaskTally,
} from '#domain/digest/daily-digest.ts';
import type { DigestWorld } from '../builders/digest-world.ts';

const by =
  <T>(key: (t: T) => number | string, desc = false) =>
  (a: T, b: T) => {
    const [x, y] = desc ? [key(b), key(a)] : [key(a), key(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Recipients and facts computed from a `DigestWorld`, with the rules the SQL adapter applies. */
export class InMemoryDigestSources implements DigestRecipients, DigestFacts {
  world: DigestWorld;

  constructor(world: DigestWorld) {
    this.world = world;
  }

  async after(afterUserId: string | null, limit: number): Promise<DigestRecipient[]> {
    return this.world.users
      .filter(
        (u) => u.digestEnabled && u.emailVerified !== false && (afterUserId === null || u.id > afterUserId),
      )
      .sort(by((u) => u.id))
      .slice(0, limit)
      .map((u) => ({ userId: u.id, email: u.email, displayName: u.displayName }));
  }

  async tasksOf(userIds: readonly string[], titleLimit: number): Promise<Map<string, TaskTally>> {
    const result = new Map<string, TaskTally>();
    for (const id of userIds) {
      const tasks = this.world.tasks.filter((t) => t.userId === id);
      if (tasks.length === 0) continue;
      const open = tasks.filter((t) => !t.done).sort(by((t) => `${t.createdAt.toISOString()}/${t.id}`));
      result.set(id, {
        total: tasks.length,
        done: tasks.length - open.length,
        undoneTitles: open.slice(0, titleLimit).map((t) => t.title),
      });
    }
    return result;
  }

  async activityOf(userIds: readonly string[], window: { from: Date; to: Date }) {
    const inWindow = (at: Date) => at >= window.from && at < window.to;
    const handle = (id: string) => this.world.users.find((u) => u.id === id)!.handle;
    const result = new Map<string, SocialActivity>();
    for (const id of userIds) {
      const followees = new Set(
        this.world.follows.filter((f) => f.followerId === id).map((f) => f.followeeId),
      );
      const posts = this.world.posts.filter((p) => followees.has(p.authorId) && inWindow(p.createdAt));
      const own = new Set(this.world.posts.filter((p) => p.authorId === id).map((p) => p.id));
      const likes = this.world.likes.filter(
        (l) => own.has(l.postId) && l.userId !== id && inWindow(l.createdAt),
      );
      const followers = this.world.follows
        .filter((f) => f.followeeId === id && inWindow(f.createdAt))
        .sort(by((f) => f.createdAt.getTime(), true));
      if (posts.length + likes.length + followers.length === 0) continue;
      result.set(id, {
        newPosts: posts.length,
        highlights: [...posts]
          .sort(
            by((p) => `${String(p.likeCount).padStart(12, '0')}/${p.createdAt.toISOString()}/${p.id}`, true),
          )
          .slice(0, DIGEST_LIMITS.highlights)
          .map((p) => ({
            postId: p.id,
            authorHandle: handle(p.authorId),
            text: p.text,
            likeCount: p.likeCount,
          })),
        likesReceived: likes.length,
        newFollowers: followers.length,
        followerHandles: followers.slice(0, DIGEST_LIMITS.followerHandles).map((f) => handle(f.followerId)),
      });
    }
    return result;
  }
}
