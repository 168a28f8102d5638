import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import type { RunningRookery } from '#bootstrap/runtime.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from './builders/user.builder.ts';

export interface ApiUser {
  user: User;
  headers: Record<string, string>;
}

/** Users of a booted Rookery, with an access token each. */
export async function givenApiUsers(rookery: RunningRookery, count: number): Promise<ApiUser[]> {
  const users = Array.from({ length: count }, () => aUser({ emailVerified: true }));
  const repository = rookery.container.get<UserRepository>(UserRepository);
  await rookery.container.get<UnitOfWork>(UnitOfWork).transaction(async () => {
    for (const user of users) await repository.add(user);
  });
  const tokens = rookery.container.get<JwtAccessTokens>(Tokens.AccessTokens);
  return Promise.all(
    users.map(async (user) => ({
      user,
      headers: {
        authorization: `Bearer ${(await tokens.issue(user.id)).token}`,
        'content-type': 'application/json',
      },
    })),
  );
}

/** Calls the booted API and fails loudly on anything but 2xx. */
export async function api(rookery: RunningRookery, as: ApiUser, method: string, url: string, body?: unknown) {
  const response = await fetch(`${rookery.url}/api/v1${url}`, {
    method,
    headers: as.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
}
