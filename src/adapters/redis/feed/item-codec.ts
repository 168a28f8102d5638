import type { CachedItems, PostBody } from '#application/feed/feed-item-cache.ts';
import type { UserSummary } from '#application/social/social.views.ts';

/** Replies of an item lookup, aligned with the ids asked for (null where nothing is cached). */
export interface ItemReplies {
  posts: (string | null)[];
  counts: (string | null)[];
  authors: (string | null)[];
  /** The viewer's likes hash: `^floor`, then one field per post. */
  likes: (string | null)[];
}

/**
 * What RedisFeedItemCache.lookup and the warm page script read, decoded: post bodies and
 * author summaries are JSON, counts integers, and the viewer's likes answer only for
 * posts at or after the cached set's floor.
 */
export function itemsOf(
  postIds: readonly string[],
  authorIds: readonly string[],
  r: ItemReplies,
): CachedItems {
  const found: CachedItems = { posts: new Map(), likeCounts: new Map(), authors: new Map(), liked: null };
  postIds.forEach((id, i) => {
    const body = r.posts[i];
    const count = r.counts[i];
    if (body) found.posts.set(id, parsePost(body));
    if (count !== null && count !== undefined) found.likeCounts.set(id, Number(count));
  });
  authorIds.forEach((id, i) => {
    const author = r.authors[i];
    if (author) found.authors.set(id, JSON.parse(author) as UserSummary);
  });
  const floor = r.likes[0];
  if (floor) {
    found.liked = new Map();
    postIds.forEach((id, i) => {
      if (id >= floor) found.liked!.set(id, r.likes[1 + i] === '1');
    });
  }
  return found;
}

function parsePost(json: string): PostBody {
  const raw = JSON.parse(json) as Omit<PostBody, 'createdAt'> & { createdAt: string };
  return { ...raw, createdAt: new Date(raw.createdAt) };
}
