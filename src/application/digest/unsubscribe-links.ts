import { token } from '../shared/token.ts';

/**
 * Signed one-click unsubscribe links: whoever holds a user's link may turn that user's
 * digest off, and nothing else. Links do not expire (old mails must keep working).
 */
export interface UnsubscribeLinks {
  linkFor(userId: string): string;
  /** The user a token was issued for; throws `InvalidUnsubscribeToken` for anything else. */
  userIdFrom(token: string): string;
}
export const UnsubscribeLinks = token<UnsubscribeLinks>('UnsubscribeLinks');
