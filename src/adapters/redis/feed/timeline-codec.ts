import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';

/** `<post id>:<author id>`: post ids have one length, so members sort by post id first. */
export function memberOf(entry: FeedEntry): string {
  return `${entry.postId}:${entry.authorId}`;
}

/** Score/member pairs as ZADD takes them. */
export function scoredMembers(entries: readonly FeedEntry[]): string[] {
  return entries.flatMap((e) => [String(e.createdAt.getTime()), memberOf(e)]);
}

export function entriesOf(pairs: readonly string[]): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const member = pairs[i]!;
    entries.push({
      postId: member.slice(0, 36),
      authorId: member.slice(37),
      createdAt: new Date(Number(pairs[i + 1])),
    });
  }
  return entries;
}

/** The page script's range: everything up to the position's time, ties resolved by id. */
export function rangeArgs(after: FeedPosition | null): [string, string] {
  return after ? [String(after.createdAt.getTime()), after.id] : ['+inf', ''];
}

/** A lease token carries the epoch read when it was taken: the fill checks it did not move. */
export function leaseToken(random: string, epoch: string): string {
  return `${random}/${epoch}`;
}

export function tokenOfLease(lease: string): string {
  return lease.slice(0, lease.indexOf('/'));
}

export function epochOfLease(token: string): string {
  return token.slice(token.indexOf('/') + 1);
}
