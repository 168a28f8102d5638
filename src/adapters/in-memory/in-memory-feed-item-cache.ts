import { randomUUID } from 'node:crypto';
import type { CachedItems, FeedItemCache, PostBody, ViewerLikes } from '#application/feed/feed-item-cache.ts';
import type { UserSummary } from '#application/social/social.views.ts';
import { ExpiringMap } from './expiring-map.ts';

export class InMemoryFeedItemCache implements FeedItemCache {
  private readonly posts = new ExpiringMap<PostBody>();
  private readonly authors = new ExpiringMap<UserSummary>();
  private readonly counts = new ExpiringMap<number>();
  private readonly countLeases = new ExpiringMap<string>();
  private readonly likes = new ExpiringMap<{ floor: string; postIds: Set<string> }>();
  private readonly likeLeases = new ExpiringMap<string>();
  private readonly ttl: { postSeconds: number; authorSeconds: number; likeCountSeconds: number };

  constructor(ttl: { postSeconds: number; authorSeconds: number; likeCountSeconds: number }) {
    this.ttl = ttl;
  }

  async lookup(
    postIds: readonly string[],
    authorIds: readonly string[],
    viewerId: string,
  ): Promise<CachedItems> {
    const found: CachedItems = { posts: new Map(), likeCounts: new Map(), authors: new Map(), liked: null };
    const likes = this.likes.get(viewerId);
    if (likes)
      found.liked = new Map(
        postIds.filter((id) => id >= likes.floor).map((id) => [id, likes.postIds.has(id)]),
      );
    for (const id of postIds) {
      const post = this.posts.get(id);
      const count = this.counts.get(id);
      if (post) found.posts.set(id, post);
      if (count !== undefined) found.likeCounts.set(id, count);
    }
    for (const id of authorIds) {
      const author = this.authors.get(id);
      if (author) found.authors.set(id, author);
    }
    return found;
  }

  async rememberPosts(posts: readonly PostBody[]): Promise<void> {
    for (const post of posts) this.posts.set(post.id, post, this.ttl.postSeconds * 1000);
  }

  async rememberAuthors(authors: readonly UserSummary[]): Promise<void> {
    for (const author of authors) this.authors.set(author.id, author, this.ttl.authorSeconds * 1000);
  }

  async forgetAuthors(authorIds: readonly string[]): Promise<void> {
    for (const id of authorIds) this.authors.delete(id);
  }

  async leaseLikeCounts(postIds: readonly string[]): Promise<string> {
    const token = randomUUID();
    for (const id of postIds)
      if (this.countLeases.get(id) === undefined) this.countLeases.set(id, token, 10_000);
    return token;
  }

  async fillLikeCounts(lease: string, counts: ReadonlyMap<string, number>): Promise<void> {
    for (const [id, count] of counts) {
      if (this.countLeases.get(id) !== lease) continue;
      this.countLeases.delete(id);
      this.counts.set(id, count, this.ttl.likeCountSeconds * 1000);
    }
  }

  async forgetLikeCounts(postIds: readonly string[]): Promise<void> {
    for (const id of postIds) {
      this.counts.delete(id);
      this.countLeases.delete(id);
    }
  }

  async leaseLikes(viewerId: string): Promise<string | null> {
    if (this.likeLeases.get(viewerId) !== undefined) return null;
    const token = randomUUID();
    this.likeLeases.set(viewerId, token, 10_000);
    return token;
  }

  async fillLikes(viewerId: string, lease: string, likes: ViewerLikes): Promise<boolean> {
    if (this.likeLeases.get(viewerId) !== lease) return false;
    this.likeLeases.delete(viewerId);
    this.likes.set(
      viewerId,
      { floor: likes.floor, postIds: new Set(likes.postIds) },
      this.ttl.postSeconds * 1000,
    );
    return true;
  }

  async forgetLikes(viewerIds: readonly string[]): Promise<void> {
    for (const id of viewerIds) {
      this.likes.delete(id);
      this.likeLeases.delete(id);
    }
  }
}
