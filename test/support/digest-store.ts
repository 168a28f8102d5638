import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { User } from '#domain/users/user.entity.ts';
import type { DigestWorld } from './builders/digest-world.ts';
import type { OpenedTestDatabase } from './databases.ts';

/** Writes a `DigestWorld` into the real tables: users through their repository, the rest as rows. */
export async function arrangeDigestWorld(db: OpenedTestDatabase, world: DigestWorld): Promise<void> {
  const users = new PostgresUserRepository(db.orm.em);
  await new PostgresUnitOfWork(db.orm.em).transaction(async () => {
    for (const u of world.users) {
      const user = User.register({
        id: u.id,
        email: u.email,
        handle: u.handle,
        displayName: u.displayName,
        passwordHash: null,
        emailVerified: u.emailVerified ?? true,
        at: new Date('2026-11-01T00:00:00Z'),
      });
      if (!u.digestEnabled) user.subscribeToDigest(false, new Date('2026-11-01T00:00:00Z'));
      await users.add(user);
    }
  });
  const em = db.orm.em.fork();
  const insert = async (sql: string, rows: unknown[][]) => {
    for (const row of rows) await em.execute(sql, row);
  };
  await insert(
    'insert into tasks (id, user_id, title, done, done_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    world.tasks.map((t) => [
      t.id,
      t.userId,
      t.title,
      t.done,
      t.done ? t.createdAt : null,
      t.createdAt,
      t.createdAt,
    ]),
  );
  await insert(
    'insert into posts (id, author_id, text, created_at, like_count) values (?, ?, ?, ?, ?)',
    world.posts.map((p) => [p.id, p.authorId, p.text, p.createdAt, p.likeCount]),
  );
  await insert(
    'insert into follows (follower_id, followee_id, created_at) values (?, ?, ?)',
    world.follows.map((f) => [f.followerId, f.followeeId, f.createdAt]),
  );
  await insert(
    'insert into likes (user_id, post_id, created_at) values (?, ?, ?)',
    world.likes.map((l) => [l.userId, l.postId, l.createdAt]),
  );
}
