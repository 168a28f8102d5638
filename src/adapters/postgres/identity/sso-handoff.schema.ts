import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';

export const SsoHandoffSchema = new EntitySchema<SsoHandoff>({
  class: SsoHandoff as unknown as EntityCtor<SsoHandoff>,
  tableName: 'sso_handoffs',
  properties: {
    codeHash: { type: 'string', length: 64, primary: true, fieldName: 'code_hash' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'expires_at' },
    redeemedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'redeemed_at' },
  },
});
