import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import pg from 'pg';
import { problemDetails } from '#adapters/http/middleware/problem-details.middleware.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { closeDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { createTestDatabase, type TestDatabase } from '../../../../support/postgres.ts';
import { services } from '../../../../support/services.ts';
import { captureLogger } from '../../../../support/capture-logger.ts';

/**
 * Backends terminated under the pool (a failover, `pg_ctl restart -m immediate`) must cost
 * the pool its dead connections only: they are destroyed, never lent forever, and the pool
 * serves the next caller by itself. Only this file's own backends are terminated (by
 * application_name), as the server is shared.
 */
describe('PostgreSQL pool after its backends are terminated', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  const opened: Orm[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: services.postgresAdminUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(opened.map((orm) => closeDatabase(orm, 1_000).catch(() => {})));
    await admin.end();
    await database.drop();
  });

  async function open(poolMax: number, acquireTimeoutMs = 2_000): Promise<{ orm: Orm; name: string }> {
    const name = `pool_recovery_${randomBytes(4).toString('hex')}`;
    const orm = await openDatabase(
      {
        kind: 'postgres',
        url: database.url,
        poolMax,
        statementTimeoutMs: 30_000,
        acquireTimeoutMs,
        applicationName: name,
      },
      {
        warn: (message) => warnings.push(message),
      },
    );
    opened.push(orm);
    return { orm, name };
  }

  const terminate = (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]);
  const terminateAll = (name: string) =>
    admin.query<{ killed: number }>(
      `select count(pg_terminate_backend(pid))::int as killed from pg_stat_activity
        where application_name = $1 and datname = $2`,
      [name, database.name],
    );

  it('gives a connection back when its backend dies inside a transaction (the minimal reproduction)', async () => {
    const { orm } = await open(2);
    for (let round = 0; round < 2; round++) {
      await expect(
        orm.em.fork().transactional(async (em) => {
          const [row] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
          await terminate(row!.pid);
          await em.execute('select 1');
        }),
      ).rejects.toThrow();
    }
    const started = Date.now();
    await expect(orm.em.execute('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warnings.some((w) => /connection/i.test(w))).toBe(true);
  }, 15_000);

  it('recovers by itself after every backend of 20 concurrent transactions is terminated', async () => {
    const { orm, name } = await open(10);
    let inside = 0;
    const allInside = Promise.withResolvers<void>();
    const release = Promise.withResolvers<void>();
    const transactions = Array.from({ length: 20 }, () =>
      orm.em.fork().transactional(async (em) => {
        await em.execute('select 1');
        if (++inside === 10) allInside.resolve();
        await release.promise;
        await em.execute('select 2');
      }),
    );
    await allInside.promise;

    const { rows } = await terminateAll(name);
    expect(rows[0]?.killed).toBe(10);
    release.resolve();
    const outcomes = await Promise.allSettled(transactions);
    // The first ten lost their backends; the ten that waited ran on fresh connections.
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);

    const started = Date.now();
    const after = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        orm.em.fork().transactional((em) => em.execute<{ n: number }[]>(`select ${i}::int as n`)),
      ),
    );
    expect(after.map(([row]) => row?.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 15_000);

  it('answers a caller that cannot get a connection in time with DatabaseUnavailable instead of waiting forever', async () => {
    const { orm } = await open(1, 300);
    const hold = Promise.withResolvers<void>();
    const holding = orm.em.fork().transactional(async (em) => {
      await em.execute('select 1');
      await hold.promise;
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const error = await orm.em
      .getConnection()
      .execute('select 1')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(Date.now() - started).toBeLessThan(1_500);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(DomainError);
    expect((cause as DomainError).code).toBe('database.unavailable');
    hold.resolve();
    await holding;
  }, 15_000);

  it('answers an HTTP request that gets no connection in time with 503 database.unavailable', async () => {
    const { orm } = await open(1, 300);
    const app = new Koa();
    app.use(problemDetails(captureLogger().logger));
    app.use(async (ctx) => {
      ctx.body = await orm.em.fork().execute('select 1 as one');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const hold = Promise.withResolvers<void>();
    const holding = orm.em.fork().transactional(async (em) => {
      await em.execute('select 1');
      await hold.promise;
    });
    try {
      const started = Date.now();
      const response = await fetch(url);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({ code: 'database.unavailable', status: 503 });
      hold.resolve();
      await holding;
      expect((await fetch(url)).status).toBe(200);
    } finally {
      hold.resolve();
      server.close();
    }
  }, 15_000);
});
