import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';

export const ExternalIdentitySchema = new EntitySchema<ExternalIdentity>({
  class: ExternalIdentity as unknown as EntityCtor<ExternalIdentity>,
  tableName: 'user_identities',
  properties: {
    issuer: { type: 'string', length: 500, primary: true },
    subject: { type: 'string', length: 255, primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    provider: { type: 'string', length: 40 },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
  },
});
