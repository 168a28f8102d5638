import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Router from '@koa/router';
import { Registry } from 'prom-client';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { closeDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { captureLogger } from '../../../support/capture-logger.ts';
import { serve } from '../../../support/http.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/postgres.ts';

const SECRETS = ['victim-SECRET1@example.com', 'SECRET2-not-a-uuid', 'hash-SECRET3'];

/** Routes whose statements fail in the database, with personal data among their parameters. */
function failingRoutes(orm: Orm): Router {
  const router = new Router();
  router.get('/bad-value', async () => {
    await orm.em.fork().execute('select ? as email, ?::uuid as id', [SECRETS[0], SECRETS[1]]);
  });
  router.get('/duplicate', async () => {
    await orm.em.fork().transactional(async (em) => {
      await em.execute('create temporary table accounts (email text unique, hash text, n int)');
      await em.execute('insert into accounts values (?, ?, 7654321), (?, ?, 7654322)', [
        SECRETS[0],
        SECRETS[2],
        SECRETS[0],
        SECRETS[2],
      ]);
    });
  });
  return router;
}

describe.each([
  ['PGlite', false],
  ['PostgreSQL', true],
])('500s caused by %s log the statement without its values', (_name, postgres) => {
  const { logger, lines } = captureLogger('info');
  let db: TestDatabase | null = null;
  let orm: Orm;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    db = postgres ? await createTestDatabase() : null;
    orm = await openDatabase(
      db
        ? { kind: 'postgres', url: db.url, poolMax: 2, statementTimeoutMs: 5_000 }
        : { kind: 'pglite', dataDir: 'memory://' },
    );
    const app = createHttpApp({
      logger,
      metrics: new Registry(),
      routers: [failingRoutes(orm)],
      jsonLimitKb: 1,
      trustProxy: false,
    });
    server = await serve(app);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await closeDatabase(orm);
    await db?.drop();
  });

  const failureLogged = async (path: string) => {
    const before = lines.length;
    const answer = await fetch(`${server.url}${path}`);
    expect(answer.status).toBe(500);
    const logged = lines.slice(before).find((line) => line.message === 'request failed');
    expect(logged).toBeDefined();
    return logged as { err: Record<string, unknown> };
  };

  it.each(['/bad-value', '/duplicate'])('%s: no parameter value anywhere in the log line', async (path) => {
    const { err } = await failureLogged(path);
    const text = JSON.stringify(err);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('765432');
    expect(err.code ?? err.sqlState).toMatch(/^[0-9A-Z]{5}$/);
  });

  it('keeps what an operator needs: the SQLSTATE, the constraint, the statement shape', async () => {
    const { err } = await failureLogged('/duplicate');
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('accounts_email_key');
    if (typeof err.query === 'string')
      expect(err.query).toBe('insert into accounts values (?, ?, ?), (?, ?, ?)');
    if (typeof err.detail === 'string') expect(err.detail).toBe('Key (email)=(?) already exists.');
  });
});
