import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiClient, bootRookery, type BootedRookery } from '../../support/identity-api.ts';

/** Answers that depend on the caller are never stored by a cache (issue 12). */
describe('Cache-Control on responses to authenticated requests', () => {
  let booted: BootedRookery;
  let call: ReturnType<typeof apiClient>;
  let token: string;
  let userId: string;
  beforeAll(async () => {
    booted = await bootRookery(false);
    call = apiClient(booted.rookery.url);
    const registered = await call('POST', '/api/v1/auth/register', {
      body: { email: 'private@example.com', password: 'correct horse battery', handle: 'private_user' },
    });
    token = registered.body.access_token as string;
    userId = (registered.body.user as { id: string }).id;
  }, 60_000);
  afterAll(() => booted?.stop());

  it.each([
    ['/api/v1/me'],
    ['/api/v1/tasks'],
    ['/api/v1/users/{id}/followers'],
    ['/api/v1/users/{id}/posts'],
    ['/api/v1/users/{id}'],
  ])('sends no-store with GET %s', async (route) => {
    const answer = await call('GET', route.replace('{id}', userId), { token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store with a write and with an error answered to a token holder', async () => {
    const created = await call('POST', '/api/v1/tasks', { token, body: { title: 'cached?' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const missing = await call('GET', '/api/v1/users/0190a8c0-0000-7000-8000-000000000001', { token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it("keeps a route's own policy (public documents stay cacheable)", async () => {
    const answer = await fetch(`${booted.rookery.url}/api/docs/assets/swagger-ui.css`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('leaves anonymous public responses alone', async () => {
    const answer = await fetch(`${booted.rookery.url}/api/docs`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBeNull();
  });
});
