import { readFileSync } from 'node:fs';
import Router from '@koa/router';
import { escapeHtml, page } from './html.ts';

export interface WebSsoProvider {
  name: string;
  label: string;
}

const assetTypes = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' } as const;
const assets = [
  'session.js',
  'login.js',
  'sso-complete.js',
  'sso-link.js',
  'verify-email.js',
  'auth.css',
].map((file) => ({
  file,
  type: assetTypes[file.endsWith('.css') ? 'css' : 'js'],
  body: readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8'),
}));

/** Messages for the codes the SSO callback sends browsers back with. */
const errorMessages: Record<string, string> = {
  'auth.sso_refused': 'The sign-in could not be verified. Please try again.',
  'auth.sso_email_unverified':
    'An account with this e-mail exists. Sign in with your password, or verify the address at your provider first.',
  'auth.sso_unavailable': 'The sign-in provider cannot be reached right now. Please try again later.',
  'auth.sso_provider_unknown': 'That sign-in provider is not configured.',
  'auth.sso_account_unverified':
    'An account with this e-mail exists but has not confirmed the address. Confirm it from the link we sent, sign in with the password, then use single sign-on.',
  'auth.sso_account_exists':
    'An account with this e-mail exists and signs in through another provider. Please sign in with that one.',
};

/**
 * The web app's sign-in pages (`/web/login`, `/web/auth/complete`) and the scripts every
 * page shares, above all `/web/assets/session.js` (RookerySession). Public; no inline scripts.
 */
export function webAuthRouter(providers: () => readonly WebSsoProvider[]): Router {
  const router = new Router();
  for (const asset of assets) {
    router.get(`/web/assets/${asset.file}`, (ctx) => {
      ctx.type = asset.type;
      ctx.set('Cache-Control', 'no-cache'); // revalidate: pages must never run a stale session.js
      ctx.body = asset.body;
    });
  }
  router.get('/web/login', (ctx) => {
    const next = typeof ctx.query.next === 'string' ? ctx.query.next : '';
    const error = typeof ctx.query.error === 'string' ? errorMessages[ctx.query.error] : undefined;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = loginPage(providers(), next, error);
  });
  router.get('/web/auth/complete', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page(
      'Signing in',
      '    <h1>Signing in…</h1>\n    <p id="status" class="muted">One moment.</p>',
      ['/web/assets/session.js', '/web/assets/sso-complete.js'],
    );
  });
  router.get('/web/auth/link', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page('Link your account', pageBody('sso-link.html'), [
      '/web/assets/session.js',
      '/web/assets/sso-link.js',
    ]);
  });
  router.get('/web/verify-email', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = page('Confirm your e-mail address', pageBody('verify-email.html'), [
      '/web/assets/verify-email.js',
    ]);
  });
  return router;
}

const pageBody = (file: string) => readFileSync(new URL(`./pages/${file}`, import.meta.url), 'utf8');

function loginPage(providers: readonly WebSsoProvider[], next: string, error: string | undefined): string {
  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  const sso = providers
    .map(
      (p) =>
        `    <a class="provider" href="/api/v1/auth/sso/${encodeURIComponent(p.name)}${escapeHtml(query)}">Continue with ${escapeHtml(p.label)}</a>`,
    )
    .join('\n');
  return page(
    'Sign in',
    `    <div id="signed-in" hidden>Signed in as <strong id="signed-in-as"></strong>.
      <button type="button" id="logout">Sign out</button></div>
    <h1>Sign in to Rookery</h1>
${error ? `    <p class="error" role="alert">${escapeHtml(error)}</p>\n` : ''}    <form id="login-form">
      <label>E-mail <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <p id="login-error" class="error" role="alert" hidden></p>
      <button type="submit">Sign in</button>
    </form>
${sso ? `    <div class="divider">or</div>\n${sso}\n` : ''}    <details>
      <summary>Create an account</summary>
      <form id="register-form">
        <label>E-mail <input name="email" type="email" autocomplete="email" required></label>
        <label>Handle <input name="handle" pattern="@?[A-Za-z0-9_]{3,30}" autocomplete="username" required></label>
        <label>Display name <input name="display_name" maxlength="50"></label>
        <label>Password <input name="password" type="password" minlength="8" autocomplete="new-password" required></label>
        <p id="register-error" class="error" role="alert" hidden></p>
        <button type="submit">Create account</button>
      </form>
    </details>`,
    ['/web/assets/session.js', '/web/assets/login.js'],
  );
}
