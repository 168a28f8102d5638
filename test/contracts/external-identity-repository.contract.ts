import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ExternalIdentityRepository } from '#application/identity/external-identity.repository.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { ExternalIdentityTaken } from '#domain/identity/identity.errors.ts';
import { aUser } from '../support/builders/user.builder.ts';

export interface ExternalIdentityRepositoryHarness {
  repository: ExternalIdentityRepository;
  users: UserRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const at = new Date('2026-11-22T09:00:00.000Z');

/** What every ExternalIdentityRepository must do, whatever stores it. */
export function externalIdentityRepositoryContract(
  adapter: string,
  open: () => Promise<ExternalIdentityRepositoryHarness>,
): void {
  describe(`ExternalIdentityRepository contract: ${adapter}`, () => {
    let h: ExternalIdentityRepositoryHarness;
    let userId: string;
    beforeAll(async () => {
      h = await open();
      const user = aUser();
      userId = user.id;
      await h.unitOfWork.transaction(() => h.users.add(user));
    });
    afterAll(() => h.close());

    const link = (issuer = 'https://idp.example', subject: string = randomUUID()) =>
      ExternalIdentity.link({ issuer, subject, userId, provider: 'example', at });

    it('finds a link by issuer and subject', async () => {
      const identity = link();
      await h.unitOfWork.transaction(() => h.repository.add(identity));
      expect(await h.repository.find(identity.issuer, identity.subject)).toMatchObject({
        issuer: identity.issuer,
        subject: identity.subject,
        userId,
        provider: 'example',
      });
    });

    it('tells the same subject at two issuers apart', async () => {
      const subject = randomUUID();
      await h.unitOfWork.transaction(() => h.repository.add(link('https://a.example', subject)));
      expect(await h.repository.find('https://b.example', subject)).toBeNull();
    });

    it('refuses to link one (issuer, subject) twice', async () => {
      const identity = link();
      await h.unitOfWork.transaction(() => h.repository.add(identity));
      await expect(
        h.unitOfWork.transaction(() => h.repository.add(link(identity.issuer, identity.subject))),
      ).rejects.toBeInstanceOf(ExternalIdentityTaken);
    });

    it('refuses to stage a link outside a unit of work', async () => {
      await expect(h.repository.add(link())).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
