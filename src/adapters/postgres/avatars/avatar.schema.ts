import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { Avatar } from '#domain/avatars/avatar.entity.ts';

export const AvatarSchema = new EntitySchema<Avatar>({
  // The domain keeps its constructor private; the ORM rehydrates without calling it.
  class: Avatar as unknown as EntityCtor<Avatar>,
  tableName: 'avatars',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    status: { type: 'string', length: 20 },
    fileName: { type: 'string', length: 255, fieldName: 'file_name' },
    mimeType: { type: 'string', length: 50, fieldName: 'mime_type' },
    sizeBytes: { type: 'integer', fieldName: 'size_bytes' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    storageKey: { type: 'string', length: 500, fieldName: 'storage_key' },
    renditions: { type: 'json', columnType: 'jsonb' },
    failureReason: { type: 'string', columnType: 'text', nullable: true, fieldName: 'failure_reason' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at' },
    deletedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'deleted_at' },
    purgedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true, fieldName: 'purged_at' },
  },
});
