import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureLogger } from '../../support/capture-logger.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import {
  apiClient,
  bootRookery,
  freePort,
  type BootedRookery,
  type Json,
} from '../../support/identity-api.ts';

describe('the built-in dev identity provider (embedded mode)', () => {
  let booted: BootedRookery;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    booted = await bootRookery(false, {
      PORT: String(port),
      PUBLIC_URL: base,
      DEV_IDP_USERS: 'ada@rookery.local:Ada Lovelace,linus@rookery.local:Linus',
    });
  }, 60_000);
  afterAll(() => booted?.stop());

  it('is offered as an SSO provider', async () => {
    const listed = await apiClient(base)('GET', '/api/v1/auth/sso');
    expect(listed.body.items).toEqual([
      { name: 'dev', label: 'Dev identity provider', url: `${base}/api/v1/auth/sso/dev` },
    ]);
    const discovery = (await (
      await fetch(`${base}/dev-idp/.well-known/openid-configuration`)
    ).json()) as Json;
    expect(discovery).toMatchObject({
      issuer: `${base}/dev-idp`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('signs a configured user in through its login page and the real authorization code flow', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${base}/api/v1/auth/sso/dev?next=/web/login`);
    const login = await jar.follow(new URL(start.headers.get('location')!, base).toString());
    expect(login.url).toMatch(new RegExp(`^${base}/dev-idp/interaction/`));
    const page = await login.response!.text();
    expect(page).toContain('Ada Lovelace');
    expect(page).toContain('linus@rookery.local');
    expect(page).not.toMatch(/<script>/); // CSP: no inline scripts
    const action = /action="([^"]+)"/.exec(page)![1]!;

    const chosen = await jar.fetch(new URL(action, base).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=linus%40rookery.local',
    });
    expect(chosen.status).toBe(303);
    const back = await jar.follow(new URL(chosen.headers.get('location')!, base).toString(), (u) =>
      u.startsWith(`${base}/web/auth/complete`),
    );
    const code = new URLSearchParams(new URL(back.url).hash.slice(1)).get('code');
    const session = await apiClient(base)('POST', '/api/v1/auth/sso/exchange', { body: { code } });
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      email: 'linus@rookery.local',
      display_name: 'Linus',
      handle: 'linus',
    });
  });
});

describe('the dev identity provider refusing bad logins (embedded mode)', () => {
  let booted: BootedRookery;
  let base: string;
  const { logger, lines } = captureLogger('info');
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    booted = await bootRookery(false, { PORT: String(port), PUBLIC_URL: base }, { logger });
  }, 60_000);
  afterAll(() => booted?.stop());

  const postForm = (url: string, body: string, jar = new CookieJar()) =>
    jar.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(5_000),
    });
  const loggedStatuses = (path: string) =>
    lines.filter((line) => line.message === 'request' && line.path === path).map((line) => line.status);

  it('answers a login for an unknown interaction with a 4xx problem, promptly', async () => {
    const path = '/dev-idp/interaction/no-such-interaction/login';
    const answer = await postForm(`${base}${path}`, 'email=ada%40rookery.local');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(loggedStatuses(path)).toEqual([answer.status]);
  });

  it('answers a login form over 8 KiB with 413 problem+json, logged', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${base}/api/v1/auth/sso/dev?next=/web/login`);
    const login = await jar.follow(new URL(start.headers.get('location')!, base).toString());
    const action = new URL(/action="([^"]+)"/.exec(await login.response!.text())![1]!, base);
    const answer = await postForm(
      action.toString(),
      `email=ada%40rookery.local&pad=${'x'.repeat(9 * 1024)}`,
      jar,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(((await answer.json()) as Json).code).toBe('request.too_large');
    expect(loggedStatuses(action.pathname)).toEqual([413]);
  });
});

describe('the dev identity provider outside embedded mode', () => {
  let booted: BootedRookery;
  beforeAll(async () => {
    booted = await bootRookery(true);
  }, 60_000);
  afterAll(() => booted?.stop());

  it('is not served and not offered', async () => {
    expect((await fetch(`${booted.rookery.url}/dev-idp/.well-known/openid-configuration`)).status).toBe(404);
    expect((await apiClient(booted.rookery.url)('GET', '/api/v1/auth/sso')).body.items).toEqual([]);
  });
});
