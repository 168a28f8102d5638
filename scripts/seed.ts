/**
 * `npm run seed` (`task seed`): demo content through the public HTTP API of a running Rookery
 * (the Compose stack by default), so it works against any deployment and exercises the same
 * paths users do. Users are registered, each posts a few texts, and everyone follows everyone.
 * Rerunning signs the same users in and adds nothing (follows are idempotent).
 *
 *   SEED_URL=http://localhost:8080 SEED_USERS=8 SEED_POSTS=3 npm run seed
 */
const base = (process.env.SEED_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const userCount = Number(process.env.SEED_USERS ?? 8);
const postsPerUser = Number(process.env.SEED_POSTS ?? 3);

interface Session {
  user: { id: string };
  access_token: string;
}

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

async function signUpOrIn(n: number): Promise<{ session: Session; created: boolean }> {
  const credentials = { email: `seed-${n}@rookery.local`, password: `seed-password-${n}-local` };
  const registered = await call('POST', '/api/v1/auth/register', {
    ...credentials,
    handle: `seed_user_${n}`,
    display_name: `Seed User ${n}`,
  });
  // 409: an earlier run made this account.
  if (registered.status !== 409) {
    return {
      session: (await (await expectOk(registered, `register ${n}`)).json()) as Session,
      created: true,
    };
  }
  const signedIn = await expectOk(await call('POST', '/api/v1/auth/login', credentials), `log in ${n}`);
  return { session: (await signedIn.json()) as Session, created: false };
}

const users: Session[] = [];
let createdUsers = 0;
let posts = 0;
for (let n = 1; n <= userCount; n++) {
  const { session, created } = await signUpOrIn(n);
  users.push(session);
  if (!created) continue;
  createdUsers++;
  for (let p = 1; p <= postsPerUser; p++) {
    await expectOk(
      await call('POST', '/api/v1/posts', { text: `Post ${p} by seed user ${n}.` }, session.access_token),
      `post ${n}/${p}`,
    );
    posts++;
  }
}
let follows = 0;
for (const follower of users) {
  for (const followed of users) {
    if (followed === follower) continue;
    await expectOk(
      await call('PUT', `/api/v1/users/${followed.user.id}/follow`, undefined, follower.access_token),
      'follow',
    );
    follows++;
  }
}
process.stdout.write(`${JSON.stringify({ url: base, users: users.length, createdUsers, posts, follows })}\n`);
