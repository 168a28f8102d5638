import { Migration } from '@mikro-orm/migrations';

/**
 * E-mail verification: when each account proved its address, and the links sent to prove it.
 * Accounts created through SSO before this migration are taken as verified (the provider
 * vouched for the address, or it is a placeholder that receives no mail); local ones are
 * not, since nothing ever proved them — their owners verify from `/me/email-verification`.
 */
export class AddEmailVerification extends Migration {
  override name = '20261204-12-email-verification';

  override up(): void {
    this.addSql('alter table users add column email_verified_at timestamptz null');
    this.addSql(
      "update users set email_verified_at = created_at where password_hash is null and email not like '%@users.invalid'",
    );
    this.addSql(`
      create table email_verifications (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade deferrable initially deferred,
        email varchar(254) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null
      )`);
    this.addSql('create index email_verifications_user_idx on email_verifications (user_id)');
    this.addSql('create index email_verifications_expires_idx on email_verifications (expires_at)');
  }

  override down(): void {
    this.addSql('drop table email_verifications');
    this.addSql('alter table users drop column email_verified_at');
  }
}
