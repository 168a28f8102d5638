import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { EmailVerification } from '#domain/identity/email-verification.entity.ts';

export const EmailVerificationSchema = new EntitySchema<EmailVerification>({
  class: EmailVerification as unknown as EntityCtor<EmailVerification>,
  tableName: 'email_verifications',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    email: { type: 'string', length: 254 },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'expires_at' },
    usedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'used_at' },
  },
});
