import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { VerificationLinks } from '#application/identity/verification-links.ts';
import { resolve } from '#bootstrap/container/wiring.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import {
  apiClient,
  bootRookery,
  freePort,
  identityModes,
  type BootedRookery,
  type Json,
} from '../../support/identity-api.ts';
import {
  startTestOidcProvider,
  type TestAccount,
  type TestOidcProvider,
} from '../../support/oidc-test-provider.ts';

type Tamper = { state?: boolean; nonce?: boolean; dropCookie?: boolean };

for (const [mode, full] of identityModes) {
  describe(`SSO with an OpenID provider over real redirects, ${mode}`, () => {
    let booted: BootedRookery;
    let idp: TestOidcProvider;
    let base: string;
    let call: ReturnType<typeof apiClient>;
    const { logger, lines } = captureLogger('debug');

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      idp = await startTestOidcProvider(`${base}/api/v1/auth/sso/keycloak/callback`);
      const providers = [
        {
          name: 'keycloak',
          label: 'Keycloak',
          issuer: idp.issuer,
          client_id: idp.clientId,
          client_secret: idp.clientSecret,
        },
      ];
      booted = await bootRookery(
        full,
        { PORT: String(port), PUBLIC_URL: base, OIDC_PROVIDERS: JSON.stringify(providers) },
        { logger },
      );
      call = apiClient(base);
    }, 60_000);
    afterAll(async () => {
      await booted?.stop();
      await idp?.close();
    });

    const account = (overrides: Partial<TestAccount> = {}): TestAccount => {
      const id = randomUUID().slice(0, 8);
      return {
        sub: `sub-${id}`,
        email: `sso_${id}@example.com`,
        email_verified: true,
        name: `Sso ${id}`,
        preferred_username: `sso_${id}`,
        ...overrides,
      };
    };

    /** Drives a browser through: Rookery → provider → Rookery callback (optionally tampered). */
    async function signIn(as: TestAccount, tamper: Tamper = {}, jar = new CookieJar()) {
      idp.signInAs(as);
      const start = await jar.fetch(`${base}/api/v1/auth/sso/keycloak?next=/web/upload`);
      expect(start.status).toBe(302);
      const authorize = new URL(start.headers.get('location')!);
      if (tamper.nonce) authorize.searchParams.set('nonce', 'attacker-chosen-nonce');
      const atProvider = await jar.follow(authorize.toString(), (u) => u.startsWith(`${base}/`));
      const callback = new URL(atProvider.url);
      if (tamper.state) callback.searchParams.set('state', 'forged-state');
      const answer = await (tamper.dropCookie ? new CookieJar() : jar).fetch(callback.toString());
      return { authorize, callback, answer, jar };
    }

    async function completeSignIn(as: TestAccount) {
      const { answer, authorize, callback } = await signIn(as);
      expect(answer.status).toBe(302);
      const landing = new URL(answer.headers.get('location')!, base);
      expect(landing.pathname).toBe('/web/auth/complete');
      const fragment = new URLSearchParams(landing.hash.slice(1));
      expect(fragment.get('next')).toBe('/web/upload');
      const exchanged = await call('POST', '/api/v1/auth/sso/exchange', {
        body: { code: fragment.get('code') },
      });
      expect(exchanged.status).toBe(200);
      return {
        session: exchanged.body as Json & { user: Json; access_token: string; refresh_token: string },
        code: fragment.get('code')!,
        authorize,
        callback,
        landing,
      };
    }

    const registeredEvents = async (userId: unknown) =>
      (
        await booted.rookery.infra.orm.em
          .fork()
          .execute<{ payload: Json }[]>("select payload from outbox where type = 'user.registered'")
      ).filter((e) => e.payload.user_id === userId).length;

    it('creates the user on first sign-in from the verified claims, via code + state + nonce + PKCE S256', async () => {
      const person = account();
      const { session, authorize } = await completeSignIn(person);
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      expect(authorize.searchParams.get('scope')).toBe('openid email profile');
      // The provider got the PKCE verifier with the code (and refuses a code without it).
      expect(idp.tokenRequests.at(-1)).toMatchObject({
        code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(session.user).toMatchObject({
        email: person.email,
        handle: person.preferred_username,
        display_name: person.name,
        has_password: false,
      });
      expect((await call('GET', '/api/v1/me', { token: session.access_token })).body.id).toBe(
        session.user.id,
      );
      expect(await registeredEvents(session.user.id)).toBe(1);
    });

    it('finds the same user on the next sign-in, by issuer and subject', async () => {
      const person = account();
      const first = await completeSignIn(person);
      const second = await completeSignIn({ ...person, email: `changed_${person.email}`, name: 'Renamed' });
      expect(second.session.user.id).toBe(first.session.user.id);
      expect(await registeredEvents(first.session.user.id)).toBe(1);
    });

    it('refuses a callback whose state was tampered with, and creates no one', async () => {
      const person = account();
      const { answer } = await signIn(person, { state: true });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await answer.json()).toMatchObject({
        code: 'auth.sso_refused',
        detail: expect.stringMatching(/state/),
      });
      const rows = await booted.rookery.infra.orm.em
        .fork()
        .execute('select 1 from users where email = ?', [person.email]);
      expect(rows).toHaveLength(0);
    });

    it('refuses an ID token carrying another nonce than the one this browser was given', async () => {
      const { answer } = await signIn(account(), { nonce: true });
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({
        code: 'auth.sso_refused',
        detail: expect.stringMatching(/nonce/),
      });
    });

    it('refuses a callback opened in another browser (no state cookie: login CSRF)', async () => {
      const { answer } = await signIn(account(), { dropCookie: true });
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({
        code: 'auth.sso_refused',
        detail: expect.stringMatching(/session/),
      });
    });

    it('refuses to replay a callback, and redeems a one-time code only once', async () => {
      const { code, callback } = await completeSignIn(account());
      const replayed = await new CookieJar().fetch(callback.toString());
      expect(replayed.status).toBe(401);
      const again = await call('POST', '/api/v1/auth/sso/exchange', { body: { code } });
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 401,
        code: 'auth.sso_code_invalid',
      });
    });

    it('spends the state at its first callback: a kept copy of the cookie fails after a failed attempt', async () => {
      idp.signInAs(account());
      const jar = new CookieJar();
      const start = await jar.fetch(`${base}/api/v1/auth/sso/keycloak`);
      const sealed = /rookery_sso=([^;]+)/.exec(start.headers.get('set-cookie')!)![1];
      const atProvider = await jar.follow(start.headers.get('location')!, (u) => u.startsWith(`${base}/`));
      const callback = new URL(atProvider.url);
      const withKeptCookie = (url: URL) =>
        fetch(url, { headers: { cookie: `rookery_sso=${sealed}` }, redirect: 'manual' });
      const wrongCode = new URL(callback);
      wrongCode.searchParams.set('code', 'not-the-code');
      expect((await withKeptCookie(wrongCode)).status).toBe(401);
      const replay = await withKeptCookie(callback);
      expect(replay.status).toBe(401);
      expect(await replay.json()).toMatchObject({ code: 'auth.sso_refused' });
    });

    const register = async (email: string, password: string) => {
      const answer = await call('POST', '/api/v1/auth/register', {
        body: { email, password, handle: `local_${randomUUID().slice(0, 8)}` },
      });
      expect(answer.status).toBe(201);
      return answer.body as Json & { user: Json; access_token: string };
    };
    /** Follows the link mailed at sign-up (read from the table here: this boot runs no mail worker). */
    const verifyEmailOf = async (userId: unknown) => {
      const [row] = await booted.rookery.infra.orm.em
        .fork()
        .execute<{ id: string }[]>('select id from email_verifications where user_id = ?', [userId]);
      const link = resolve(booted.rookery.container, VerificationLinks).linkFor(row!.id);
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
      expect((await call('POST', '/api/v1/auth/verify-email', { body: { token } })).status).toBe(200);
    };
    const linkedIdentities = async (subject: string) =>
      (
        await booted.rookery.infra.orm.em
          .fork()
          .execute<{ user_id: string }[]>('select user_id from user_identities where subject = ?', [subject])
      ).map((r) => r.user_id);

    it('refuses the pre-hijacking takeover: an unverified sign-up never receives the owner’s SSO sign-in', async () => {
      const victim = account();
      // The attacker signs up first with the victim's address and a password of their own.
      const attacker = await register(victim.email!, 'attacker knows this');
      expect((attacker.user as Json).email_verified).toBe(false);

      const api = await signIn(victim);
      expect(api.answer.status).toBe(409);
      expect(await api.answer.json()).toMatchObject({ code: 'auth.sso_account_unverified' });
      const jar = new CookieJar();
      idp.signInAs(victim);
      const start = await jar.fetch(`${base}/api/v1/auth/sso/keycloak`);
      const atProvider = await jar.follow(start.headers.get('location')!, (u) => u.startsWith(`${base}/`));
      const html = await jar.fetch(atProvider.url, {
        headers: { Accept: 'text/html,application/xhtml+xml' },
      });
      expect(html.headers.get('location')).toBe('/web/login?error=auth.sso_account_unverified');

      // Nothing of the victim's reached the attacker's account.
      expect(await linkedIdentities(victim.sub)).toEqual([]);
      const login = await call('POST', '/api/v1/auth/login', {
        body: { email: victim.email, password: 'attacker knows this' },
      });
      expect((login.body.user as Json).id).toBe((attacker.user as Json).id);
      const me = await call('GET', '/api/v1/me', { token: login.body.access_token as string });
      expect(me.body).toMatchObject({ email_verified: false });
    });

    it('refuses to link when the provider did not verify the e-mail', async () => {
      const email = `local_${randomUUID().slice(0, 8)}@example.com`;
      const local = await register(email, 'correct horse');
      await verifyEmailOf((local.user as Json).id);
      const unverified = await signIn(account({ email, email_verified: false }));
      expect(unverified.answer.status).toBe(409);
      expect(await unverified.answer.json()).toMatchObject({ code: 'auth.sso_email_unverified' });
    });

    it('links a verified local account only with its password, then signs in by the provider directly', async () => {
      const owner = account();
      const local = await register(owner.email!, 'correct horse');
      await verifyEmailOf((local.user as Json).id);

      // A browser is sent to the password page, with the ticket in the fragment.
      const jar = new CookieJar();
      idp.signInAs(owner);
      const start = await jar.fetch(`${base}/api/v1/auth/sso/keycloak`);
      const atProvider = await jar.follow(start.headers.get('location')!, (u) => u.startsWith(`${base}/`));
      const html = await jar.fetch(atProvider.url, {
        headers: { Accept: 'text/html,application/xhtml+xml' },
      });
      const landing = new URL(html.headers.get('location')!, base);
      expect(landing.pathname).toBe('/web/auth/link');
      const ticket = new URLSearchParams(landing.hash.slice(1)).get('ticket')!;
      expect((await fetch(`${base}/web/auth/link`)).status).toBe(200);
      expect(await linkedIdentities(owner.sub)).toEqual([]);

      const wrong = await call('POST', '/api/v1/auth/sso/link', {
        body: { link_ticket: ticket, password: 'guess' },
      });
      expect(wrong.status).toBe(401);
      const forged = await call('POST', '/api/v1/auth/sso/link', {
        body: { link_ticket: `${ticket.slice(0, -4)}AAAA`, password: 'correct horse' },
      });
      expect(forged.body).toMatchObject({ code: 'auth.sso_link_ticket_invalid' });
      const linked = await call('POST', '/api/v1/auth/sso/link', {
        body: { link_ticket: ticket, password: 'correct horse' },
      });
      expect(linked.status).toBe(200);
      expect((linked.body.user as Json).id).toBe((local.user as Json).id);
      expect(await linkedIdentities(owner.sub)).toEqual([(local.user as Json).id]);

      const again = await completeSignIn(owner);
      expect(again.session.user.id).toBe((local.user as Json).id);
    });

    it('never puts tokens or the one-time code in a URL the server sees, nor in its logs', async () => {
      const { session, code, landing } = await completeSignIn(account());
      expect(landing.search).toBe('');
      const logged = JSON.stringify(lines);
      for (const secret of [code, session.access_token, session.refresh_token]) {
        expect(landing.pathname + landing.search).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
      expect(lines.some((l) => l.path === '/api/v1/auth/sso/keycloak/callback')).toBe(true);
    });

    it('lists the configured providers for the sign-in page', async () => {
      const listed = await call('GET', '/api/v1/auth/sso');
      expect(listed.body.items).toEqual(
        expect.arrayContaining([
          { name: 'keycloak', label: 'Keycloak', url: `${base}/api/v1/auth/sso/keycloak` },
        ]),
      );
      expect((await call('GET', '/api/v1/auth/sso/nope')).status).toBe(404);
    });
  });
}
