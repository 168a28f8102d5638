import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiClient, bootRookery, type BootedRookery } from '../../support/identity-api.ts';

/** What the API does with a body it does not read: 415, said precisely, before any validation. */
describe('request media types', () => {
  let booted: BootedRookery;
  let token: string;
  beforeAll(async () => {
    booted = await bootRookery(false);
    const registered = await apiClient(booted.rookery.url)('POST', '/api/v1/auth/register', {
      body: { email: 'media@example.com', password: 'correct horse battery', handle: 'media_user' },
    });
    token = registered.body.access_token as string;
  }, 60_000);
  afterAll(() => booted?.stop());

  const send = (route: string, contentType: string, body: string) =>
    fetch(`${booted.rookery.url}${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
      body,
    });

  it('answers 415 problem+json to a JSON route sent text/plain, naming what it accepts', async () => {
    const answer = await send('/api/v1/tasks', 'text/plain', '{"title":"plain"}');
    expect(answer.status).toBe(415);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(await answer.json()).toMatchObject({
      status: 415,
      code: 'request.unsupported_media_type',
      accepted: ['application/json'],
    });
  });

  it('answers 415 to form and multipart bodies on JSON routes too', async () => {
    expect((await send('/api/v1/tasks', 'application/x-www-form-urlencoded', 'title=x')).status).toBe(415);
    expect((await send('/api/v1/tasks', 'multipart/form-data; boundary=b', '--b--')).status).toBe(415);
  });

  it('takes JSON with a charset', async () => {
    const answer = await send('/api/v1/tasks', 'application/json; charset=utf-8', '{"title":"json"}');
    expect(answer.status).toBe(201);
  });

  it('lets bodiless writes through whatever their Content-Type', async () => {
    const answer = await fetch(`${booted.rookery.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).not.toBe(415);
  });

  it('still routes the avatar upload to its multipart check (its own 415 for JSON)', async () => {
    const answer = await send('/api/v1/avatars', 'application/json', '{}');
    expect(answer.status).toBe(415);
    expect(((await answer.json()) as { code: string }).code).toBe('avatar.multipart_required');
  });
});
