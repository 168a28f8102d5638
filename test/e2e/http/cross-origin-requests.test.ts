import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { apiClient, bootRookery, freePort, type BootedRookery } from '../../support/identity-api.ts';
import { launchChromium } from '../../support/chromium.ts';

/** A blank page served from its own origin, from which the test calls the API with fetch. */
async function pageOrigin(): Promise<{ origin: string; server: Server }> {
  const port = await freePort();
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>another origin</title><main>calling Rookery</main>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, server };
}

interface BrowserAnswer {
  ok: boolean;
  status?: number;
  rateLimit?: string | null;
  location?: string | null;
  error?: string;
}

/**
 * CORS as a browser enforces it: a page on an origin listed in CORS_ORIGINS calls the API
 * with a bearer token and an Idempotency-Key (both need a preflight) and reads the exposed
 * headers; a page on any other origin is refused by the browser itself.
 */
describe('cross-origin requests from a page in Chromium', () => {
  let booted: BootedRookery;
  let api: string;
  let allowed: Awaited<ReturnType<typeof pageOrigin>>;
  let other: Awaited<ReturnType<typeof pageOrigin>>;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    [allowed, other] = [await pageOrigin(), await pageOrigin()];
    booted = await bootRookery(false, { CORS_ORIGINS: allowed.origin });
    api = booted.rookery.url;
    const registered = await apiClient(api)('POST', '/api/v1/auth/register', {
      body: { email: 'cors@example.com', password: 'correct horse battery', handle: 'cors_user' },
    });
    token = registered.body.access_token as string;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await booted?.stop();
    allowed?.server.close();
    other?.server.close();
  });

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(origin);
    return page;
  }

  const createTask = (page: Page, idempotencyKey: string) =>
    page.evaluate(
      async ({ api, token, idempotencyKey }): Promise<BrowserAnswer> => {
        try {
          const response = await fetch(`${api}/api/v1/tasks`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
              'Idempotency-Key': idempotencyKey,
            },
            body: JSON.stringify({ title: 'from another origin' }),
          });
          return {
            ok: true,
            status: response.status,
            rateLimit: response.headers.get('RateLimit'),
            location: response.headers.get('Location'),
          };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      { api, token, idempotencyKey },
    );

  it('lets a listed origin call the API with a token and read RateLimit and Location', async () => {
    const page = await openPage(allowed.origin);
    const answer = await createTask(page, 'cors-allowed-0001');
    expect(answer).toMatchObject({ ok: true, status: 201 });
    expect(answer.location).toMatch(/^\/api\/v1\/tasks\/[0-9a-f-]{36}$/);
    expect(answer.rateLimit).toMatch(/"api-writes-user";r=\d+;t=\d+/);
    await page.close();
  });

  it('lets the browser refuse the answer to any other origin, and nothing is created', async () => {
    const page = await openPage(other.origin);
    const answer = await createTask(page, 'cors-refused-0001');
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain('Failed to fetch');
    await page.close();
    const tasks = await apiClient(api)('GET', '/api/v1/tasks', { token });
    expect((tasks.body.items as { title: string }[]).map((t) => t.title)).toEqual(['from another origin']);
  });

  it('answers a preflight with the allowed methods and headers, never with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(`${api}/api/v1/tasks`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
        },
      });
    const granted = await preflight(allowed.origin);
    expect(granted.status).toBe(204);
    expect(granted.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(granted.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,PATCH,DELETE');
    expect(granted.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(granted.headers.get('access-control-allow-credentials')).toBeNull();
    expect(granted.headers.get('vary')).toContain('Origin');

    const refused = await preflight(other.origin);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
