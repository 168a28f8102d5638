import type { Migration } from '@mikro-orm/migrations';
import { CreateUsers } from './20261122-01-users.migration.ts';
import { CreateEventBackbone } from './20261122-02-event-backbone.migration.ts';
import { ExtendUserProfile } from './20261122-03-user-profile.migration.ts';
import { CreateActivityHourly } from './20261122-04-activity.migration.ts';
import { CreateIdentity } from './20261122-05-identity.migration.ts';
import { CreateSocial } from './20261122-06-social.migration.ts';
import { CreateAvatars } from './20261122-07-avatars.migration.ts';
import { CreateTasks } from './20261122-08-tasks.migration.ts';
import { CreateDigest } from './20261122-09-digest.migration.ts';
import { CreateFeedReadModels } from './20261122-10-feed.migration.ts';
import { ShardActivityHourly } from './20261122-11-activity-shards.migration.ts';
import { AddEmailVerification } from './20261204-12-email-verification.migration.ts';

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

/**
 * Every migration, in the order it must run. Explicit rather than globbed from disk so
 * that the image runs exactly what was reviewed; names are stable ids in `schema_migrations`.
 */
export const migrationList: { name: string; class: MigrationClass }[] = [
  { name: '20261122-01-users', class: CreateUsers },
  { name: '20261122-02-event-backbone', class: CreateEventBackbone },
  { name: '20261122-03-user-profile', class: ExtendUserProfile },
  { name: '20261122-04-activity', class: CreateActivityHourly },
  { name: '20261122-05-identity', class: CreateIdentity },
  { name: '20261122-06-social', class: CreateSocial },
  { name: '20261122-07-avatars', class: CreateAvatars },
  { name: '20261122-08-tasks', class: CreateTasks },
  { name: '20261122-09-digest', class: CreateDigest },
  { name: '20261122-10-feed', class: CreateFeedReadModels },
  { name: '20261122-11-activity-shards', class: ShardActivityHourly },
  { name: '20261204-12-email-verification', class: AddEmailVerification },
];
