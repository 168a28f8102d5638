import { z } from 'zod';

/** Anyone's profile, as GET /api/v1/users/{id} returns it. */
export const PublicProfileSchema = z.object({
  id: z.uuid(),
  handle: z.string(),
  display_name: z.string(),
  avatar_url: z.url().nullable(),
  followers_count: z.number().int(),
  following_count: z.number().int(),
  posts_count: z.number().int(),
});

/** The caller's own profile: the public one plus what only they may see. */
export const OwnProfileSchema = PublicProfileSchema.extend({
  email: z.string(),
  role: z.enum(['user', 'admin']),
  digest: z.boolean().describe('Whether the daily digest e-mail is sent'),
  has_password: z.boolean().describe('False for accounts that only sign in through SSO'),
  email_verified: z
    .boolean()
    .describe(
      'Whether the owner proved control of `email`; unverified accounts get no e-mails and no SSO linking',
    ),
  created_at: z.string().describe('ISO 8601'),
});

export const UpdateMeBody = z
  .object({
    display_name: z.string().max(200).optional(),
    digest: z.boolean().optional(),
    avatar_id: z.uuid().optional().describe('One of your ready avatars, shown from now on'),
  })
  .strict();

export const UserIdParams = z.object({ id: z.uuid() });
