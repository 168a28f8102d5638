import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { RefreshToken } from '#domain/identity/refresh-token.entity.ts';

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken as unknown as EntityCtor<RefreshToken>,
  tableName: 'refresh_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    familyId: { type: 'uuid', fieldName: 'family_id' },
    userId: { type: 'uuid', fieldName: 'user_id' },
    tokenHash: {
      type: 'string',
      length: 64,
      fieldName: 'token_hash',
      unique: 'refresh_tokens_token_hash_key',
    },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'expires_at' },
    rotatedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'rotated_at' },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'revoked_at' },
  },
});
