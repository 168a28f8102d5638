import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiClient, bootRookery, type BootedRookery } from '../../support/identity-api.ts';

/** NIST SP 800-63B blocklist over HTTP: the most common passwords cannot be chosen. */
describe('common passwords', () => {
  let booted: BootedRookery;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    booted = await bootRookery(false);
    call = apiClient(booted.rookery.url);
  }, 60_000);
  afterAll(() => booted?.stop());

  it.each(['12345678', 'password', 'Password1', 'iloveyou', 'qwertyuiop'])(
    'refuses to register with %j (400 user.password_common), creating nothing',
    async (password) => {
      const email = `common-${password.toLowerCase()}@example.com`;
      const answer = await call('POST', '/api/v1/auth/register', {
        body: { email, password, handle: `common_${password.toLowerCase()}` },
      });
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 400,
        code: 'user.password_common',
      });
      const login = await call('POST', '/api/v1/auth/login', { body: { email, password } });
      expect(login.status).toBe(401);
    },
  );

  it('refuses a common new password on change, and takes an uncommon one', async () => {
    const registered = await call('POST', '/api/v1/auth/register', {
      body: { email: 'changer@example.com', password: 'correct horse battery', handle: 'changer' },
    });
    expect(registered.status).toBe(201);
    const token = registered.body.access_token as string;
    const change = (newPassword: string) =>
      call('POST', '/api/v1/me/password', {
        token,
        body: { current_password: 'correct horse battery', new_password: newPassword },
      });
    const refused = await change('trustno1');
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 400,
      code: 'user.password_common',
    });
    expect((await change('tr0ub4dor and staple')).status).toBe(200);
  });
});
