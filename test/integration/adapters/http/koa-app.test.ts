import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Router from '@koa/router';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { validate } from '#adapters/http/request-validation.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { captureLogger } from '../../../support/capture-logger.ts';
import { serve } from '../../../support/http.ts';

const { logger, lines } = captureLogger();
const metrics = new Registry();
const router = new Router();
router.post('/echo', (ctx) => {
  ctx.body = validate(z.object({ text: z.string().min(1).max(5) }).strict(), ctx.request.body);
});
router.get('/posts/:id', (ctx) => {
  throw new DomainError('post.not_found', 'not_found', `No post with id ${ctx.params.id}.`, {
    post_id: ctx.params.id,
  });
});
router.post('/avatars', () => {
  throw new DomainError('avatar.too_large', 'too_large', 'The file is larger than 10 MB.', {
    max_size: 10485760,
  });
});
router.get('/explode', () => {
  throw new Error('secret database password in a message');
});

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve(
    createHttpApp({ logger, metrics, routers: [router], jsonLimitKb: 1, trustProxy: false }),
  );
});
afterAll(() => server.close());

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const postJson = (path: string, body: string) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:rookery:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
  return body;
}

describe('HTTP error handling (RFC 9457 problem details)', () => {
  it('answers an unknown route with 404 route.not_found', async () => {
    const body = await expectProblem(await call('/nowhere'), 404, 'route.not_found');
    expect(body.instance).toBe('/nowhere');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await call('/echo', { method: 'DELETE' });
    await expectProblem(response, 405, 'route.method_not_allowed');
    expect(response.headers.get('allow')).toContain('POST');
  });

  it('answers malformed JSON with 400 request.malformed', async () => {
    const body = await expectProblem(await postJson('/echo', '{"text": '), 400, 'request.malformed');
    expect(body.detail).toBe('The request body is not valid JSON.');
  });

  it('answers a body over the limit with 413 request.too_large', async () => {
    await expectProblem(
      await postJson('/echo', JSON.stringify({ text: 'x'.repeat(4_000) })),
      413,
      'request.too_large',
    );
  });

  it('lists every invalid field of a body that fails its schema', async () => {
    const body = await expectProblem(
      await postJson('/echo', '{"text":"too long","extra":1}'),
      400,
      'request.invalid',
    );
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'text' }),
        expect.objectContaining({ message: expect.stringContaining('extra') }),
      ]),
    );
  });

  it('maps a domain error by its kind and carries its details as extension members', async () => {
    const body = await expectProblem(await call('/posts/42'), 404, 'post.not_found');
    expect(body).toMatchObject({ detail: 'No post with id 42.', post_id: '42' });
    const tooLarge = await expectProblem(await call('/avatars', { method: 'POST' }), 413, 'avatar.too_large');
    expect(tooLarge.max_size).toBe(10485760);
  });

  it('hides an unexpected error behind a generic 500 and logs it with its stack', async () => {
    const response = await call('/explode');
    const body = await expectProblem(response, 500, 'internal');
    expect(JSON.stringify(body)).not.toContain('secret');
    const logged = lines.find((l) => l.message === 'request failed');
    expect(JSON.stringify(logged)).toContain('secret database password');
    expect((logged?.err as { stack?: string }).stack).toContain('Error');
  });
});

describe('HTTP cross-cutting behaviour', () => {
  it('gives every response a request id, reusing a sane inbound one', async () => {
    const generated = await call('/nowhere');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const reused = await call('/nowhere', { headers: { 'X-Request-ID': 'proxy-abc-12345' } });
    expect(reused.headers.get('x-request-id')).toBe('proxy-abc-12345');
    const refused = await call('/nowhere', { headers: { 'X-Request-ID': 'bad id with spaces' } });
    expect(refused.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('writes one JSON access log line per request with the request id', async () => {
    const response = await call('/posts/7');
    const id = response.headers.get('x-request-id');
    const entry = lines.find((l) => l.message === 'request' && l.request_id === id);
    expect(entry).toMatchObject({ method: 'GET', path: '/posts/7', route: '/posts/:id', status: 404 });
    expect(typeof entry?.duration_ms).toBe('number');
  });

  it('sends security headers', async () => {
    const response = await call('/nowhere');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });

  it('measures request duration by route template, never by raw path', async () => {
    await call('/posts/123456');
    const text = await metrics.metrics();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/posts/:id",status_code="404"}',
    );
    expect(text).not.toContain('123456');
  });
});
