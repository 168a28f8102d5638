import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { apiClient, bootRookery, type BootedRookery, type Json } from '../../support/identity-api.ts';

/**
 * Requests found to crash the API (issue 12, item 3): each must get a 4xx/501
 * problem+json answer, never a 500 or a dropped connection.
 */
describe('hostile input over HTTP', () => {
  let booted: BootedRookery;
  let call: ReturnType<typeof apiClient>;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    booted = await bootRookery(false);
    call = apiClient(booted.rookery.url);
    const registered = await call('POST', '/api/v1/auth/register', {
      body: { email: 'hostile@example.com', password: 'correct horse battery', handle: 'hostile_user' },
    });
    token = registered.body.access_token as string;
    userId = (registered.body.user as Json).id as string;
  }, 60_000);
  afterAll(() => booted?.stop());

  const expectProblem = (answer: { status: number; headers: Headers }, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  };

  describe('deeply nested JSON', () => {
    const nested = (depth: number) => `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;

    it('answers 400 request.too_deep to a ~6 KB body nested 3 100 deep with an Idempotency-Key', async () => {
      const body = nested(3_100);
      expect(body.length).toBeGreaterThan(6_000);
      const answer = await fetch(`${booted.rookery.url}/api/v1/tasks`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'deep-nesting-1',
        },
        body,
      });
      expectProblem(answer, 400);
      expect(await answer.json()).toMatchObject({ code: 'request.too_deep', max_depth: 64 });
    });

    it('refuses the same depth without a key, and on routes without idempotency', async () => {
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      for (const route of ['/api/v1/tasks', '/api/v1/auth/login']) {
        const answer = await fetch(`${booted.rookery.url}${route}`, {
          method: 'POST',
          headers,
          body: nested(3_100),
        });
        expectProblem(answer, 400);
        expect(((await answer.json()) as Json).code).toBe('request.too_deep');
      }
    });

    it('still takes a body nested within the bound (then validates it as usual)', async () => {
      const answer = await fetch(`${booted.rookery.url}/api/v1/tasks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: nested(60),
      });
      expectProblem(answer, 400);
      expect(((await answer.json()) as Json).code).toBe('request.invalid');
    });
  });

  describe('cursors whose date PostgreSQL cannot hold', () => {
    const cursor = (at: string) =>
      Buffer.from(JSON.stringify([at, '0190a8c0-0000-7000-8000-000000000001'])).toString('base64url');
    const dates = [
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '-004713-01-01T00:00:00.000Z',
    ];
    const routes = () => [
      '/api/v1/tasks',
      `/api/v1/users/${userId}/posts`,
      `/api/v1/users/${userId}/followers`,
      `/api/v1/users/${userId}/avatars`,
    ];

    it.each(dates)('answers 400 to a well-formed cursor dated %s on every keyset list', async (at) => {
      for (const route of routes()) {
        const answer = await call('GET', `${route}?cursor=${cursor(at)}`, { token });
        expect({ route, status: answer.status, code: answer.body.code }).toEqual({
          route,
          status: 400,
          code: 'request.invalid',
        });
      }
    });

    it('still takes a cursor in range', async () => {
      const answer = await call('GET', `/api/v1/tasks?cursor=${cursor('2026-01-01T00:00:00.000Z')}`, {
        token,
      });
      expect(answer.status).toBe(200);
    });
  });

  describe('methods no route implements', () => {
    it.each(['TRACE', 'PROPFIND'])('answers %s with problem+json, not 500', async (method) => {
      for (const route of ['/api/v1/tasks', '/health', '/nowhere']) {
        const answer = await raw(method, `${booted.rookery.url}${route}`);
        expect([404, 405, 501]).toContain(answer.status);
        expect(answer.contentType).toContain('application/problem+json');
      }
    });

    it('names the allowed methods on a known path with 405 for TRACE', async () => {
      const answer = await raw('TRACE', `${booted.rookery.url}/api/v1/tasks`);
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 405,
        code: 'route.method_not_allowed',
      });
      expect(answer.allow).toContain('GET');
    });

    it('answers 501 request.method_not_implemented to PROPFIND', async () => {
      const answer = await raw('PROPFIND', `${booted.rookery.url}/api/v1/tasks`);
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 501,
        code: 'route.method_not_implemented',
      });
      expect(answer.contentType).toContain('application/problem+json');
    });
  });

  it.each([
    ['blank Braille only', '\u2800\u2800\u2800', 'post.text_empty'],
    ['combining marks only', '\u0301\u0308\u0301', 'post.text_empty'],
    ['e + 10 000 × U+0301', `e${'\u0301'.repeat(10_000)}`, 'post.text_too_many_marks'],
    [
      'hidden tag characters',
      `hi${String.fromCodePoint(0xe0001, 0xe0068, 0xe0069)}`,
      'post.text_invalid_characters',
    ],
  ])('refuses a post of %s with 400', async (_name, text, code) => {
    const answer = await call('POST', '/api/v1/posts', { token, body: { text } });
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code });
  });

  it('answers 401 to a validly signed token whose sub is not a user id', async () => {
    const { default: jwt } = await import('jsonwebtoken');
    const { auth } = booted.rookery.config;
    const keys = booted.rookery.infra.keys;
    const now = Math.floor(Date.now() / 1000);
    const forged = jwt.sign(
      { sub: 'not-a-uuid', iat: now, exp: now + 600, jti: 'j', iss: auth.issuer, aud: auth.audience },
      keys.signing.privateKey,
      { algorithm: 'ES256', keyid: keys.signing.kid },
    );
    const answer = await call('GET', '/api/v1/me', { token: forged });
    expect({ status: answer.status, code: answer.body.code }).toEqual({
      status: 401,
      code: 'auth.invalid_token',
    });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers 404 to /api/docs/assets/%s',
    async (name) => {
      const answer = await raw('GET', `${booted.rookery.url}/api/docs/assets/${name}`);
      expect(answer.status).toBe(404);
      expect(answer.contentType).toContain('application/problem+json');
    },
  );
});

interface RawAnswer {
  status: number;
  contentType: string;
  allow: string;
  body: Json;
}

/**
 * node:http rather than fetch: fetch refuses TRACE, and says only "fetch failed" when the
 * server closes the connection without an answer.
 */
function raw(method: string, url: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode!,
          contentType: String(res.headers['content-type']),
          allow: String(res.headers.allow ?? ''),
          body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
