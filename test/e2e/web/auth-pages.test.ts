import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { apiClient, bootRookery, freePort, type BootedRookery } from '../../support/identity-api.ts';
import { VerificationLinks } from '#application/identity/verification-links.ts';
import { resolve } from '#bootstrap/container/wiring.ts';
import { launchChromium } from '../../support/chromium.ts';

const SCREENSHOTS = process.env.ROOKERY_SCREENSHOTS; // a folder, to look at the pages

interface StoredSession {
  access_token: string;
  refresh_token: string;
  expires_at: number;
}

describe('web sign-in pages and RookerySession in Chromium', () => {
  let booted: BootedRookery;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    booted = await bootRookery(false, { PORT: String(port), PUBLIC_URL: base });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await booted?.stop();
  });

  async function page(): Promise<Page> {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on(
      'response',
      (r) =>
        r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`),
    );
    (p as Page & { errors: string[] }).errors = errors;
    return p;
  }
  const stored = (p: Page) =>
    p.evaluate(() => JSON.parse(sessionStorage.getItem('rookery.session') ?? 'null') as StoredSession | null);
  const shot = async (p: Page, name: string) => {
    if (SCREENSHOTS) await p.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  };

  it('creates an account from /web/login and keeps the session in the documented shape', async () => {
    const p = await page();
    await p.goto(`${base}/web/login?next=${encodeURIComponent('/web/login?welcome=1')}`);
    await shot(p, 'login');
    await p.click('summary');
    await p.fill('#register-form input[name=email]', 'browser@example.com');
    await p.fill('#register-form input[name=handle]', 'browser_user');
    await p.fill('#register-form input[name=display_name]', 'Browser User');
    await p.fill('#register-form input[name=password]', 'correct horse');
    const before = Date.now();
    await Promise.all([
      p.waitForURL(`${base}/web/login?welcome=1`),
      p.click('#register-form button[type=submit]'),
    ]);
    const session = await stored(p);
    expect(session).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      refresh_token: expect.any(String),
      expires_at: expect.any(Number),
    });
    expect(session!.expires_at).toBeGreaterThanOrEqual(before + 899_000);
    expect(session!.expires_at).toBeLessThanOrEqual(Date.now() + 900_000);
    await p.waitForSelector('#signed-in:not([hidden])');
    expect(await p.textContent('#signed-in-as')).toBe('Browser User (@browser_user)');
    await shot(p, 'signed-in');
    expect((p as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('signs in with a password and shows a wrong one as an error', async () => {
    const p = await page();
    await p.goto(`${base}/web/login?next=${encodeURIComponent('/web/login?done=1')}`);
    await p.fill('#login-form input[name=email]', 'browser@example.com');
    await p.fill('#login-form input[name=password]', 'wrong horse');
    await p.click('#login-form button[type=submit]');
    await p.waitForSelector('#login-error:not([hidden])');
    expect((p as Page & { errors: string[] }).errors).toEqual([`401 ${base}/api/v1/auth/login`]);
    expect(await p.textContent('#login-error')).toContain('not correct');
    await shot(p, 'login-error');
    await p.fill('#login-form input[name=password]', 'correct horse');
    await Promise.all([p.waitForURL(`${base}/web/login?done=1`), p.click('#login-form button[type=submit]')]);
    expect(await stored(p)).not.toBeNull();
  });

  it('RookerySession.fetch sends the Bearer token and refreshes once on 401', async () => {
    const p = await page();
    await p.goto(`${base}/web/login`);
    const login = await apiClient(base)('POST', '/api/v1/auth/login', {
      body: { email: 'browser@example.com', password: 'correct horse' },
    });
    const result = await p.evaluate(async (tokens) => {
      const s = (
        globalThis as unknown as {
          RookerySession: { set(t: unknown): void; fetch(u: string): Promise<Response> };
        }
      ).RookerySession;
      s.set({ ...tokens, access_token: 'expired.or.forged' });
      // Two calls at once: one refresh between them (a refresh token works only once).
      const [a, b] = await Promise.all([s.fetch('/api/v1/me'), s.fetch('/api/v1/me')]);
      return { statuses: [a.status, b.status], handle: ((await a.json()) as { handle: string }).handle };
    }, login.body);
    expect(result).toEqual({ statuses: [200, 200], handle: 'browser_user' });
    const after = await stored(p);
    expect(after!.refresh_token).not.toBe(login.body.refresh_token);
    // The rotated token is the live one: the family was not revoked by a double refresh.
    expect(
      (
        await apiClient(base)('POST', '/api/v1/auth/refresh', {
          body: { refresh_token: after!.refresh_token },
        })
      ).status,
    ).toBe(200);
  });

  it('RookerySession.fetch without a session goes to /web/login?next=<this page>', async () => {
    const p = await page();
    await p.goto(`${base}/web/login?from=here`);
    await Promise.all([
      p.waitForURL(/\/web\/login\?next=/),
      p.evaluate(
        () =>
          void (
            globalThis as unknown as { RookerySession: { fetch(u: string): Promise<unknown> } }
          ).RookerySession.fetch('/api/v1/me'),
      ),
    ]);
    expect(new URL(p.url()).searchParams.get('next')).toBe('/web/login?from=here');
  });

  it('signs in through the dev identity provider button, landing on `next` with a session', async () => {
    const p = await page();
    await p.goto(`${base}/web/login?next=${encodeURIComponent('/web/login?via=sso')}`);
    await Promise.all([p.waitForURL(/\/dev-idp\/interaction\//), p.click('a.provider')]);
    await shot(p, 'dev-idp');
    await Promise.all([p.waitForURL(`${base}/web/login?via=sso`), p.click('text=Ada Lovelace')]);
    const session = await stored(p);
    expect(session?.access_token).toMatch(/^eyJ/);
    await p.waitForSelector('#signed-in:not([hidden])');
    expect(await p.textContent('#signed-in-as')).toContain('Ada Lovelace');
    // The one-time code was dropped from the address bar and history.
    expect(p.url()).not.toContain('code=');
    expect((p as Page & { errors: string[] }).errors).toEqual([]);

    await Promise.all([p.waitForURL(`${base}/web/login`), p.click('#logout')]);
    expect(await stored(p)).toBeNull();
    expect(
      (
        await apiClient(base)('POST', '/api/v1/auth/refresh', {
          body: { refresh_token: session!.refresh_token },
        })
      ).status,
    ).toBe(401);
  });

  it('confirms an address from the mailed link with one keyboard press, at phone width', async () => {
    const call = apiClient(base);
    const email = `verify_${Date.now()}@example.com`;
    const signedUp = await call('POST', '/api/v1/auth/register', {
      body: { email, password: 'correct horse', handle: `verify_${Date.now() % 1e8}` },
    });
    const userId = (signedUp.body.user as { id: string }).id;
    const [row] = await booted.rookery.infra.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from email_verifications where user_id = ?', [userId]);
    const link = resolve(booted.rookery.container, VerificationLinks).linkFor(row!.id);

    const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
    const p = await context.newPage();
    await p.goto(link);
    expect(new URL(p.url()).hash).toBe(''); // the token leaves the address bar and the history
    const confirm = p.getByRole('button', { name: 'Confirm my e-mail address' });
    await confirm.focus();
    await p.keyboard.press('Enter');
    await p.getByRole('status').getByText('your e-mail address is confirmed').waitFor();
    expect(await p.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot(p, 'verify-email');
    const me = await call('GET', '/api/v1/me', { token: signedUp.body.access_token as string });
    expect(me.body.email_verified).toBe(true);

    const again = await context.newPage(); // the same link again, in a fresh document
    await again.goto(link);
    await again.getByRole('button', { name: 'Confirm my e-mail address' }).click();
    await again.getByRole('status').getByText('This link was already used').waitFor();
    await context.close();
  });

  it('asks for the password on the link page and shows a refused ticket as an error', async () => {
    const p = await page();
    await p.goto(`${base}/web/auth/link#ticket=not-a-real-ticket`);
    await p.getByLabel('Password').fill('correct horse');
    await p.getByRole('button', { name: 'Link and sign in' }).click();
    await p.getByRole('alert').getByText('This link request has expired').waitFor();
    const bare = await page(); // a fresh document: a hash-only change would not reload this one
    await bare.goto(`${base}/web/auth/link`);
    await bare.getByRole('alert').getByText('This link request is incomplete').waitFor();
  });
});
