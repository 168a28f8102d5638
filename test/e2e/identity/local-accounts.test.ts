import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { openRedis } from '#adapters/redis/redis-client.ts';
import {
  apiClient,
  bootRookery,
  identityModes,
  type ApiAnswer,
  type BootedRookery,
  type Json,
} from '../../support/identity-api.ts';
import { services } from '../../support/services.ts';

const MAX_FAILED_LOGINS = 3;
const MAX_FAILURES_PER_IP = 12;
const BASE_DELAY_MS = 10; // AUTH_FAILED_LOGIN_DELAY_MS in bootRookery

for (const [mode, full] of identityModes) {
  describe(`local accounts over HTTP, ${mode}`, () => {
    let booted: BootedRookery;
    let call: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      booted = await bootRookery(full, {
        AUTH_MAX_FAILED_LOGINS: String(MAX_FAILED_LOGINS),
        AUTH_MAX_FAILED_LOGINS_PER_IP: String(MAX_FAILURES_PER_IP),
        AUTH_FAILED_LOGIN_DELAY_MS: String(BASE_DELAY_MS),
        // Cases that need an address of their own send X-Forwarded-For; the rest come from 127.0.0.1.
        TRUST_PROXY: 'true',
      });
      call = apiClient(booted.rookery.url);
    }, 60_000);
    afterAll(() => booted?.stop());

    let n = 0;
    const newAccount = () => {
      n++;
      const id = randomUUID().slice(0, 6);
      return { email: `user${n}_${id}@example.com`, password: 'correct horse', handle: `user${n}_${id}` };
    };
    const register = async (account = newAccount()) => {
      const answer = await call('POST', '/api/v1/auth/register', { body: account });
      expect(answer.status).toBe(201);
      return {
        account,
        session: answer.body as Json & { user: Json; access_token: string; refresh_token: string },
      };
    };
    const refresh = (token: string, from?: string) =>
      call('POST', '/api/v1/auth/refresh', {
        body: { refresh_token: token },
        ...(from ? { headers: { 'x-forwarded-for': from } } : {}),
      });
    const expectRefused = (answer: ApiAnswer) => {
      expect(answer.status).toBe(429);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(800); // the failure window (900 s)
      expect(answer.body).toMatchObject({ code: 'request.rate_limited', retry_after: retryAfter });
    };
    const metric = async (limiter: string) => {
      const text = await (await fetch(`${booted.rookery.url}/metrics`)).text();
      return Number(
        text.match(
          new RegExp(`rate_limited_requests_total\\{[^}]*limiter="${limiter}"[^}]*\\} (\\d+)`),
        )?.[1] ?? 0,
      );
    };
    /** Counters of a limiter in Redis (full mode: shared by every replica); null in embedded mode. */
    const redisKeys = async (limiter: string) => {
      if (!booted.redisPrefix) return null;
      const redis = await openRedis(services.redisUrl, '');
      const keys = await redis.keys(`${booted.redisPrefix}rl:${limiter}*`);
      await redis.quit();
      return keys;
    };
    const sql = <T>(query: string, params: unknown[] = []) =>
      booted.rookery.infra.orm.em.fork().execute<T[]>(query, params);

    it('registers an account, signs it in, and announces user.registered through the outbox', async () => {
      const account = { ...newAccount(), email: ' Ada.Lovelace@Example.COM ', display_name: 'Ada Lovelace' };
      const answer = await call('POST', '/api/v1/auth/register', { body: account });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toEqual({
        user: {
          id: expect.any(String),
          email: 'ada.lovelace@example.com',
          handle: account.handle,
          display_name: 'Ada Lovelace',
          avatar_url: null,
          followers_count: 0,
          following_count: 0,
          posts_count: 0,
          role: 'user',
          digest: true,
          has_password: true,
          email_verified: false,
          created_at: expect.any(String),
        },
        access_token: expect.stringMatching(/^eyJ/),
        refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        token_type: 'Bearer',
        expires_in: 900,
      });
      const userId = (answer.body.user as Json).id;
      const events = await sql<{ payload: Json }>(
        "select payload from outbox where type = 'user.registered'",
      );
      expect(events.filter((e) => e.payload.user_id === userId)).toEqual([
        { payload: { user_id: userId, handle: account.handle } },
      ]);
      const [stored] = await sql<{ password_hash: string }>('select password_hash from users where id = ?', [
        userId,
      ]);
      expect(stored!.password_hash).toMatch(/^\$argon2id\$/);
      const [token] = await sql<{ n: string }>(
        'select count(*) as n from refresh_tokens where token_hash = ?',
        [answer.body.refresh_token],
      );
      expect(Number(token!.n)).toBe(0); // only its digest is stored
    });

    it('refuses a taken e-mail or handle, a bad handle and a weak password, with their codes', async () => {
      const { account } = await register();
      const attempts: [Json, number, string][] = [
        [{ ...newAccount(), email: account.email.toUpperCase() }, 409, 'user.email_taken'],
        [{ ...newAccount(), handle: account.handle }, 409, 'user.handle_taken'],
        [{ ...newAccount(), handle: 'no spaces' }, 400, 'user.handle_invalid'],
        [{ ...newAccount(), password: 'short' }, 400, 'user.password_invalid'],
        [{ ...newAccount(), extra: true }, 400, 'request.invalid'],
      ];
      for (const [body, status, code] of attempts) {
        const answer = await call('POST', '/api/v1/auth/register', { body });
        expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('signs in, and answers a wrong password and an unknown e-mail identically', async () => {
      const { account } = await register();
      const ok = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: account.password },
      });
      expect(ok.status).toBe(200);
      expect((ok.body.user as Json).handle).toBe(account.handle);

      const strip = ({ body }: { body: Json }) => ({ ...body, request_id: undefined });
      const wrong = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: 'wrong horse' },
      });
      const unknown = await call('POST', '/api/v1/auth/login', {
        body: { email: `nobody_${randomUUID()}@example.com`, password: 'wrong horse' },
      });
      expect(wrong.status).toBe(401);
      expect(strip(unknown)).toEqual(strip(wrong));
      expect(wrong.body.code).toBe('auth.invalid_credentials');
    });

    it('reads and edits the own profile; shows the public profile of anyone', async () => {
      const { session } = await register();
      const token = session.access_token;
      const id = session.user.id as string;
      const patched = await call('PATCH', '/api/v1/me', {
        token,
        body: { display_name: 'New Name', digest: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ display_name: 'New Name', digest: false });
      expect((await call('GET', '/api/v1/me', { token })).body).toMatchObject({
        display_name: 'New Name',
        digest: false,
      });
      // Choosing an avatar needs one of the user's own (the avatar tests cover the happy path).
      expect((await call('PATCH', '/api/v1/me', { token, body: { avatar_id: randomUUID() } })).status).toBe(
        404,
      );
      expect((await call('PATCH', '/api/v1/me', { token, body: { avatar_id: 'not-a-uuid' } })).status).toBe(
        400,
      );

      const other = await register();
      const profile = await call('GET', `/api/v1/users/${id}`, { token: other.session.access_token });
      expect(profile.body).toEqual({
        id,
        handle: session.user.handle,
        display_name: 'New Name',
        avatar_url: null,
        followers_count: 0,
        following_count: 0,
        posts_count: 0,
      });
      const avatarId = randomUUID();
      await sql('update users set avatar_id = ? where id = ?', [avatarId, id]);
      const withAvatar = await call('GET', `/api/v1/users/${id}`, { token });
      expect(withAvatar.body.avatar_url).toBe(
        `${booted.rookery.config.http.publicUrl}/api/v1/avatars/${avatarId}`,
      );
      expect((await call('GET', `/api/v1/users/${randomUUID()}`, { token })).status).toBe(404);
      expect((await call('GET', '/api/v1/users/not-a-uuid', { token })).status).toBe(400);
      expect((await call('GET', `/api/v1/users/${id}`)).status).toBe(401);
      expect((await call('GET', '/api/v1/me')).status).toBe(401);
    });

    it('rotates refresh tokens; a reused one revokes the family, and the sibling stops working', async () => {
      const { account, session } = await register();
      const elsewhere = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: account.password },
      });
      const second = await refresh(session.refresh_token);
      expect(second.status).toBe(200);
      expect(second.body.refresh_token).not.toBe(session.refresh_token);

      const reused = await refresh(session.refresh_token);
      expect(reused.status).toBe(401);
      expect(reused.body).toMatchObject({ code: 'auth.refresh_token_reused', status: 401 });
      expect(reused.headers.get('content-type')).toContain('application/problem+json');
      const sibling = await refresh(second.body.refresh_token as string);
      expect(sibling.status).toBe(401);
      expect(sibling.body.code).toBe('auth.invalid_refresh_token');
      // Another sign-in of the same account is another family: untouched.
      expect((await refresh(elsewhere.body.refresh_token as string)).status).toBe(200);
    });

    it('signs out: the refresh token and its family stop working', async () => {
      const { session } = await register();
      const next = await refresh(session.refresh_token);
      const { access_token, refresh_token } = next.body as { access_token: string; refresh_token: string };
      expect((await call('POST', '/api/v1/auth/logout', { body: { refresh_token } })).status).toBe(401);
      expect(
        (await call('POST', '/api/v1/auth/logout', { token: access_token, body: { refresh_token } })).status,
      ).toBe(204);
      expect((await refresh(refresh_token)).status).toBe(401);
    });

    it('changes the password: every session is signed out, the caller gets a new one', async () => {
      const { account, session } = await register();
      const other = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: account.password },
      });
      const wrong = await call('POST', '/api/v1/me/password', {
        token: session.access_token,
        body: { current_password: 'not it', new_password: 'battery staple' },
      });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({
        status: 403,
        code: 'auth.wrong_password',
      });
      const changed = await call('POST', '/api/v1/me/password', {
        token: session.access_token,
        body: { current_password: account.password, new_password: 'battery staple' },
      });
      expect(changed.status).toBe(200);
      expect((await refresh(session.refresh_token)).status).toBe(401);
      expect((await refresh(other.body.refresh_token as string)).status).toBe(401);
      expect((await refresh(changed.body.refresh_token as string)).status).toBe(200);
      const login = (password: string) =>
        call('POST', '/api/v1/auth/login', { body: { email: account.email, password } });
      expect((await login(account.password)).status).toBe(401);
      expect((await login('battery staple')).status).toBe(200);
    });

    it('documents every identity route in the OpenAPI description', async () => {
      const document = (await call('GET', '/api/docs/openapi.json')).body as { paths: Record<string, Json> };
      for (const [route, method] of [
        ['/api/v1/auth/register', 'post'],
        ['/api/v1/auth/login', 'post'],
        ['/api/v1/auth/refresh', 'post'],
        ['/api/v1/auth/logout', 'post'],
        ['/api/v1/auth/sso', 'get'],
        ['/api/v1/auth/sso/{provider}', 'get'],
        ['/api/v1/auth/sso/{provider}/callback', 'get'],
        ['/api/v1/auth/sso/exchange', 'post'],
        ['/api/v1/me', 'get'],
        ['/api/v1/me', 'patch'],
        ['/api/v1/me/password', 'post'],
        ['/api/v1/users/{id}', 'get'],
      ] as const) {
        expect(document.paths[route]?.[method]).toBeDefined();
      }
    });

    it(`refuses sign-ups for an e-mail after ${MAX_FAILED_LOGINS} hit it taken, from any address`, async () => {
      const { account } = await register();
      const again = (from: string) =>
        call('POST', '/api/v1/auth/register', {
          body: { ...newAccount(), email: account.email },
          headers: { 'x-forwarded-for': from },
        });
      for (let i = 0; i < MAX_FAILED_LOGINS; i++)
        expect((await again(`198.51.100.${i}`)).body.code).toBe('user.email_taken');
      expectRefused(await again('198.51.100.99'));
      await register(); // another e-mail, from an address that saw failures too
      expect(await metric('auth-register-failures')).toBe(1);
      const keys = await redisKeys('auth-register-failures-account');
      if (keys) expect(keys.length).toBeGreaterThan(0);
    });

    it(`refuses every refresh of a user after ${MAX_FAILED_LOGINS} failed ones over their sign-ins`, async () => {
      const { account, session } = await register();
      const laptop = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: account.password },
      });
      const next = await refresh(session.refresh_token);
      expect(next.status).toBe(200);
      // A replay (revokes the phone's family), its revoked successor, the replay again.
      for (const token of [session.refresh_token, next.body.refresh_token as string, session.refresh_token])
        expect((await refresh(token)).status).toBe(401);
      // The laptop's sign-in is another family, and its token is live: refused all the same.
      expectRefused(await refresh(laptop.body.refresh_token as string));
      const other = await register();
      expect((await refresh(other.session.refresh_token)).status).toBe(200);
      expect(await metric('auth-refresh-failures')).toBe(1);
      const keys = await redisKeys('auth-refresh-failures-account');
      if (keys) expect(keys.length).toBeGreaterThan(0);
    });

    it(`slows down failed refreshes from one address, then refuses it after ${MAX_FAILURES_PER_IP}`, async () => {
      const attacker = '203.0.113.9';
      const elapsed: number[] = [];
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
        const started = performance.now();
        expect((await refresh(randomBytes(32).toString('base64url'), attacker)).status).toBe(401);
        elapsed.push(performance.now() - started);
      }
      // From the third failure each waits longer, up to 16× the base delay.
      expect(elapsed.at(-1)).toBeGreaterThanOrEqual(16 * BASE_DELAY_MS - 5);
      const { session } = await register();
      expectRefused(await refresh(session.refresh_token, attacker));
      expect((await refresh(session.refresh_token, '203.0.113.10')).status).toBe(200);
    });

    it(`refuses the attacker's address after ${MAX_FAILED_LOGINS} failed logins, never the owner elsewhere`, async () => {
      const { account } = await register();
      const login = (password: string, from: string) =>
        call('POST', '/api/v1/auth/login', {
          body: { email: account.email, password },
          headers: { 'x-forwarded-for': from },
        });
      const attacker = '203.0.113.77';
      for (let i = 0; i < MAX_FAILED_LOGINS; i++)
        expect((await login(`wrong ${i}`, attacker)).status).toBe(401);
      const blocked = await login(account.password, attacker);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('content-type')).toContain('application/problem+json');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(800);
      expect(blocked.body).toMatchObject({ code: 'request.rate_limited', retry_after: retryAfter });
      // The owner, from their own address, signs in at once, and is not slowed down.
      const started = performance.now();
      expect((await login(account.password, '198.51.100.23')).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2_000);
      // Another account from the same address is not blocked by this one's failures.
      const { account: other } = await register();
      expect(
        (await call('POST', '/api/v1/auth/login', { body: { email: other.email, password: other.password } }))
          .status,
      ).toBe(200);
      const metrics = await (await fetch(`${booted.rookery.url}/metrics`)).text();
      expect(metrics).toMatch(/rate_limited_requests_total\{[^}]*limiter="auth-login-failures"[^}]*\} 1/);
      if (booted.redisPrefix) {
        const redis = await openRedis(services.redisUrl, '');
        const keys = await redis.keys(`${booted.redisPrefix}rl:auth-login-failures-account*`);
        await redis.quit();
        expect(keys.length).toBeGreaterThan(0); // counted in Redis, shared by every replica
      }
    });
  });
}
