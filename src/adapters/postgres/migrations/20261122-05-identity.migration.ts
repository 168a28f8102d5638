import { Migration } from '@mikro-orm/migrations';

/** Refresh-token families, links to OpenID providers, and one-time SSO hand-off codes. */
export class CreateIdentity extends Migration {
  override name = '20261122-05-identity';

  override up(): void {
    // Only digests of the secrets are stored; a row is useless to whoever reads the table.
    // Foreign keys are checked at commit: the ORM may insert a user's token before the user.
    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        family_id uuid not null,
        user_id uuid not null references users (id) on delete cascade deferrable initially deferred,
        token_hash varchar(64) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        rotated_at timestamptz null,
        revoked_at timestamptz null,
        constraint refresh_tokens_token_hash_key unique (token_hash)
      )`);
    this.addSql(
      'create index refresh_tokens_family_idx on refresh_tokens (family_id) where revoked_at is null',
    );
    this.addSql('create index refresh_tokens_user_idx on refresh_tokens (user_id) where revoked_at is null');
    this.addSql('create index refresh_tokens_expires_idx on refresh_tokens (expires_at)');
    this.addSql(`
      create table user_identities (
        issuer varchar(500) not null,
        subject varchar(255) not null,
        user_id uuid not null references users (id) on delete cascade deferrable initially deferred,
        provider varchar(40) not null,
        created_at timestamptz not null,
        constraint user_identities_pkey primary key (issuer, subject)
      )`);
    this.addSql('create index user_identities_user_idx on user_identities (user_id)');
    this.addSql(`
      create table sso_handoffs (
        code_hash varchar(64) primary key,
        user_id uuid not null references users (id) on delete cascade deferrable initially deferred,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        redeemed_at timestamptz null
      )`);
  }

  override down(): void {
    this.addSql('drop table sso_handoffs');
    this.addSql('drop table user_identities');
    this.addSql('drop table refresh_tokens');
  }
}
