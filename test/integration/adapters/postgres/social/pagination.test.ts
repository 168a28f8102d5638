import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { Post } from '#domain/social/post.entity.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../../support/databases.ts';
import { socialApp, type SocialApp } from '../../../../support/social-app.ts';

const SEEDED = 300;

for (const [kind, open] of databaseKinds) {
  describe(`cursor pagination over HTTP while new items arrive, ${kind}`, () => {
    let db: OpenedTestDatabase;
    let app: SocialApp;
    beforeAll(async () => {
      db = await open();
      app = await socialApp(db);
    });
    afterAll(async () => {
      await app.close();
      await db.close();
    });

    /** Follows `next_cursor` to the end; returns every id in the order served. */
    async function readAll(path: string, auth: Record<string, string>, limit: number): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await fetch(`${app.url}${path}${query}`, { headers: auth });
        expect(response.status).toBe(200);
        const page = (await response.json()) as { items: { id: string }[]; next_cursor: string | null };
        ids.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      return ids;
    }

    it("serves every one of a user's existing posts exactly once while they keep posting", async () => {
      const { user, auth } = await app.signedUp();
      const uow = new PostgresUnitOfWork(db.orm.em);
      const posts = new PostgresPostRepository(db.orm.em);
      const base = Date.now() - 3_600_000;
      // Clusters of three posts per millisecond, so ties on time are crossed by page boundaries.
      const seeded = Array.from({ length: SEEDED }, (_, i) =>
        Post.create({
          id: randomUUID(),
          authorId: user.id,
          text: `old ${i}`,
          at: new Date(base + Math.floor(i / 3)),
        }),
      );
      await uow.transaction(async () => {
        for (const post of seeded) await posts.add(post);
      });

      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          const r = await fetch(`${app.url}/api/v1/posts`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: `new ${written}` }),
          });
          expect(r.status).toBe(201);
          written++;
        }
      })();
      const served = await readAll(`/api/v1/users/${user.id}/posts`, auth, 7);
      writing = false;
      await writer;

      expect(written).toBeGreaterThan(0);
      expect(new Set(served).size).toBe(served.length); // no duplicates, new posts included
      const seen = new Set(served);
      expect(seeded.filter((p) => !seen.has(p.id))).toEqual([]); // no gaps
      const expectedOrder = [...seeded]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((p) => p.id);
      expect(served.filter((id) => seeded.some((p) => p.id === id))).toEqual(expectedOrder);
    });

    it('serves every existing follower exactly once while new followers arrive', async () => {
      const { user: star, auth } = await app.signedUp();
      const uow = new PostgresUnitOfWork(db.orm.em);
      const users = new PostgresUserRepository(db.orm.em);
      const follows = new PostgresFollowRepository(db.orm.em);
      const fans = Array.from({ length: SEEDED }, () => aUser());
      const late = Array.from({ length: 100 }, () => aUser());
      const base = Date.now() - 3_600_000;
      await uow.transaction(async () => {
        for (const fan of [...fans, ...late]) await users.add(fan);
        for (const [i, fan] of fans.entries())
          await follows.add(Follow.start(fan.id, star.id, new Date(base + Math.floor(i / 4))));
      });

      const writer = (async () => {
        for (const fan of late)
          await uow.transaction(() => follows.add(Follow.start(fan.id, star.id, new Date())));
      })();
      const served = await readAll(`/api/v1/users/${star.id}/followers`, auth, 9);
      await writer;

      expect(new Set(served).size).toBe(served.length);
      const seen = new Set(served);
      expect(fans.filter((f) => !seen.has(f.id))).toEqual([]);
    });
  });
}
