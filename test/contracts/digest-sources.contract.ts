import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DigestFacts } from '#application/digest/digest-facts.ts';
import type { DigestRecipients } from '#application/digest/digest-recipients.ts';
import { emptyWorld, type DigestWorld } from '../support/builders/digest-world.ts';

export interface DigestSourcesHarness {
  recipients: DigestRecipients;
  facts: DigestFacts;
  /** Adds the world's rows to the store (each case adds users of its own). */
  arrange(world: DigestWorld): Promise<void>;
  close(): Promise<void>;
}

const T0 = Date.parse('2026-11-22T00:00:00.000Z');
const window = { from: new Date(T0 - 86_400_000), to: new Date(T0) };
const inside = (hoursBefore: number) => new Date(T0 - hoursBefore * 3_600_000);
let n = 0;
const aUser = (digestEnabled = true, emailVerified = true) => {
  const id = randomUUID();
  n++;
  return {
    id,
    email: `digest${n}_${id.slice(0, 6)}@example.com`,
    handle: `d${n}_${id.slice(0, 6)}`,
    displayName: `D ${n}`,
    digestEnabled,
    emailVerified,
  };
};

/** Who gets a digest and what it reports, read from the same rows by every store. */
export function digestSourcesContract(adapter: string, open: () => Promise<DigestSourcesHarness>): void {
  describe(`DigestRecipients and DigestFacts contract: ${adapter}`, () => {
    let h: DigestSourcesHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    it('walks every recipient once, by id in batches, skipping users who turned the digest off or never verified their address', async () => {
      const users = [
        ...Array.from({ length: 23 }, () => aUser()),
        aUser(false),
        aUser(false),
        aUser(true, false),
      ];
      await h.arrange({ ...emptyWorld(), users });
      const seen: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const batch = await h.recipients.after(cursor, 4);
        if (batch.length === 0) break;
        seen.push(...batch.map((r) => r.userId));
        cursor = batch.at(-1)!.userId;
      }
      const mine = seen.filter((id) => users.some((u) => u.id === id));
      expect(mine).toHaveLength(23);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      const first = users.find((u) => u.id === mine[0])!;
      const [found] = (await h.recipients.after(null, 100_000)).filter((r) => r.userId === first.id);
      expect(found).toEqual({ userId: first.id, email: first.email, displayName: first.displayName });
    });

    it('counts tasks and lists the oldest open titles, capped', async () => {
      const [busy, idle, none] = [aUser(), aUser(), aUser()];
      const task = (userId: string, title: string, done: boolean, ms: number) => ({
        id: randomUUID(),
        userId,
        title,
        done,
        createdAt: new Date(T0 + ms),
      });
      await h.arrange({
        ...emptyWorld(),
        users: [busy, idle, none],
        tasks: [
          ...Array.from({ length: 12 }, (_, i) => task(busy.id, `open ${i}`, false, 1000 - i)),
          task(busy.id, 'done one', true, 5),
          task(idle.id, 'all done', true, 1),
        ],
      });
      const tallies = await h.facts.tasksOf([busy.id, idle.id, none.id], 3);
      expect(tallies.get(busy.id)).toEqual({
        total: 13,
        done: 1,
        undoneTitles: ['open 11', 'open 10', 'open 9'],
      });
      expect(tallies.get(idle.id)).toEqual({ total: 1, done: 1, undoneTitles: [] });
      expect(tallies.get(none.id)).toBeUndefined();
    });

    it("reports the window's posts by followed people, likes received and new followers", async () => {
      const [reader, author, quiet, fan1, fan2, stranger] = [
        aUser(),
        aUser(),
        aUser(),
        aUser(),
        aUser(),
        aUser(),
      ];
      const post = (authorId: string, hoursBefore: number, likeCount = 0, text = 'hi') => ({
        id: randomUUID(),
        authorId,
        text,
        createdAt: inside(hoursBefore),
        likeCount,
      });
      const posts = [
        post(author.id, 1, 5, 'five'),
        post(author.id, 2, 9, 'nine'),
        post(author.id, 3, 1, 'one'),
        post(author.id, 4, 7, 'seven'),
        post(author.id, 24, 0, 'exactly at the start of the window'),
        post(author.id, 25, 50, 'before the window'),
        post(author.id, 0, 50, 'at the end of the window: excluded'),
        post(stranger.id, 1, 99, 'not followed'),
      ];
      const readersPost = post(reader.id, 30, 0, 'mine');
      const follow = (followerId: string, followeeId: string, hoursBefore: number) => ({
        followerId,
        followeeId,
        createdAt: inside(hoursBefore),
      });
      const like = (userId: string, postId: string, hoursBefore: number) => ({
        userId,
        postId,
        createdAt: inside(hoursBefore),
      });
      await h.arrange({
        ...emptyWorld(),
        users: [reader, author, quiet, fan1, fan2, stranger],
        posts: [...posts, readersPost],
        follows: [
          follow(reader.id, author.id, 100),
          follow(fan1.id, reader.id, 2),
          follow(fan2.id, reader.id, 1),
          follow(stranger.id, reader.id, 30),
        ],
        likes: [
          like(fan1.id, readersPost.id, 3),
          like(fan2.id, readersPost.id, 4),
          like(stranger.id, readersPost.id, 26),
          like(reader.id, readersPost.id, 2),
        ],
      });
      const activity = await h.facts.activityOf([reader.id, quiet.id], window);
      const mine = activity.get(reader.id)!;
      expect(mine.newPosts).toBe(5);
      expect(mine.highlights.map((p) => [p.text, p.likeCount, p.authorHandle])).toEqual([
        ['nine', 9, author.handle],
        ['seven', 7, author.handle],
        ['five', 5, author.handle],
      ]);
      expect(mine.likesReceived).toBe(2);
      expect(mine.newFollowers).toBe(2);
      expect(mine.followerHandles).toEqual([fan2.handle, fan1.handle]);
      expect(activity.get(quiet.id)).toBeUndefined();
    });

    it('caps the new followers it names, and counts them all', async () => {
      const [star, ...fans] = Array.from({ length: 8 }, () => aUser());
      await h.arrange({
        ...emptyWorld(),
        users: [star!, ...fans],
        follows: fans.map((f, i) => ({ followerId: f.id, followeeId: star!.id, createdAt: inside(10 - i) })),
      });
      const activity = (await h.facts.activityOf([star!.id], window)).get(star!.id)!;
      expect(activity.newFollowers).toBe(7);
      expect(activity.followerHandles).toEqual(
        fans
          .slice(2)
          .reverse()
          .map((f) => f.handle),
      );
    });
  });
}
