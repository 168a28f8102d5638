import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateKey, KeyRing } from '#adapters/identity/key-ring.ts';
import { KeyRingUnsubscribeLinks } from '#adapters/mail/key-ring-unsubscribe-links.ts';
import { InvalidUnsubscribeToken } from '#domain/digest/digest.errors.ts';

describe('KeyRingUnsubscribeLinks', () => {
  let directory: string;
  let links: KeyRingUnsubscribeLinks;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-keys-'));
    links = new KeyRingUnsubscribeLinks(
      await KeyRing.load(directory, { generateIfEmpty: true }),
      'https://rookery.example/',
    );
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

  it('issues a link to the public unsubscribe endpoint whose token names the user', () => {
    const userId = randomUUID();
    const link = links.linkFor(userId);
    expect(link.startsWith('https://rookery.example/api/v1/digest/unsubscribe?token=')).toBe(true);
    expect(links.userIdFrom(tokenOf(link))).toBe(userId);
  });

  it('refuses a token for another user, an altered signature or garbage', () => {
    const token = tokenOf(links.linkFor(randomUUID()));
    const [, kid, signature] = token.split('.') as [string, string, string];
    const forged = [
      `${randomUUID()}.${kid}.${signature}`,
      `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
      `${token.split('.')[0]}.unknown-key.${signature}`,
      'not-a-token',
      '',
    ];
    for (const bad of forged) expect(() => links.userIdFrom(bad)).toThrow(InvalidUnsubscribeToken);
  });

  it('keeps old links working after the signing key rotates', async () => {
    const userId = randomUUID();
    const old = tokenOf(links.linkFor(userId));
    await new Promise((r) => setTimeout(r, 20));
    await generateKey(directory);
    const rotated = new KeyRingUnsubscribeLinks(
      await KeyRing.load(directory, { generateIfEmpty: false }),
      'https://rookery.example',
    );
    expect(rotated.userIdFrom(old)).toBe(userId);
    expect(tokenOf(rotated.linkFor(userId)).split('.')[1]).not.toBe(old.split('.')[1]);
  });
});
