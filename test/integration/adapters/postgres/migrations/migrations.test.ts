import { describe, expect, it } from '@jest/globals';
import { migrationList } from '#adapters/postgres/migrations/migration-list.ts';
import { databaseKinds } from '#test/support/databases.ts';

const tablesOf = async (db: Awaited<ReturnType<(typeof databaseKinds)[number][1]>>) =>
  (
    await db.orm.em
      .getConnection()
      .execute<{ table_name: string }[]>(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
      )
  ).map((row) => row.table_name);

describe.each(databaseKinds)('migrations on %s', (_name, open) => {
  it('apply every committed migration, roll all of them back, and apply them again to the same schema', async () => {
    const db = await open();
    try {
      const migrated = await tablesOf(db);
      expect(migrated).toEqual(expect.arrayContaining(['users', 'outbox', 'posts', 'user_feed', 'tasks']));

      const reverted = await db.orm.migrator.down({ to: 0 });
      expect(reverted.map((m) => m.name)).toEqual(migrationList.map((m) => m.name).reverse());
      expect(await tablesOf(db)).toEqual(['schema_migrations']);

      const reapplied = await db.orm.migrator.up();
      expect(reapplied.map((m) => m.name)).toEqual(migrationList.map((m) => m.name));
      expect(await tablesOf(db)).toEqual(migrated);
    } finally {
      await db.close();
    }
  });
});
