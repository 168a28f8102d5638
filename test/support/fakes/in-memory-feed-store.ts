import type { Celebrities } from '#application/feed/celebrities.ts';
import type { FeedItemSource, PostCard } from '#application/feed/feed-item-source.ts';
import type { FeedReadModel } from '#application/feed/feed-read-model.ts';
import type { DeliveredChunk, FeedWriter, FollowerCursor } from '#application/feed/feed-writer.ts';
import type { PopularityStanding, PopularityStore } from '#application/feed/popularity-store.ts';
import type { UserSummary } from '#application/social/social.views.ts';
import { isAfter, newestFirst, type FeedEntry, type FeedPosition } from '#domain/feed/feed-entry.ts';
import {
  isRankedAfter,
  mostPopularFirst,
  type PopularPosition,
  type PopularPost,
} from '#domain/feed/popularity.ts';
import type { inMemorySocial } from './in-memory-social.ts';

type Social = ReturnType<typeof inMemorySocial>;

/**
 * The feed's PostgreSQL ports in memory, over the in-memory social fakes: `user_feed`,
 * celebrities and popularity as maps, read and written as the SQL adapters do.
 */
export class InMemoryFeedStore
  implements FeedReadModel, FeedWriter, Celebrities, FeedItemSource, PopularityStore
{
  /** owner → post id → entry */
  readonly feeds = new Map<string, Map<string, FeedEntry>>();
  readonly celebrityIds = new Set<string>();
  private readonly popularity = new Map<string, PopularityStanding>();
  private readonly social: Social;

  constructor(social: Social) {
    this.social = social;
  }

  async page(ownerId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    const entries = [...(this.feeds.get(ownerId)?.values() ?? [])];
    return entries
      .sort(newestFirst)
      .filter((e) => isAfter(e, after))
      .slice(0, limit);
  }

  async celebritiesFollowedBy(ownerId: string): Promise<string[]> {
    return this.followees(ownerId).filter((id) => this.celebrityIds.has(id));
  }

  async postsBy(authorId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    const posts = [...this.social.posts.posts.values()].filter((p) => p.authorId === authorId);
    return posts
      .map((p) => ({ postId: p.id, authorId: p.authorId, createdAt: p.createdAt }))
      .sort(newestFirst)
      .filter((e) => isAfter(e, after))
      .slice(0, limit);
  }

  async holders(entry: FeedEntry, ownerIds: readonly string[]): Promise<string[]> {
    return ownerIds.filter((id) => this.feeds.get(id)?.has(entry.postId));
  }

  async deliverToAuthor(entry: FeedEntry): Promise<boolean> {
    return this.insert(entry.authorId, entry);
  }

  async deliverToFollowers(
    entry: FeedEntry,
    after: FollowerCursor | null,
    limit: number,
  ): Promise<DeliveredChunk> {
    this.social.unitOfWork.staged(() => {});
    const followers = [...this.social.follows.follows.values()]
      .filter((f) => f.followeeId === entry.authorId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.followerId < b.followerId ? -1 : 1))
      .filter(
        (f) =>
          !after ||
          f.createdAt.getTime() < after.followedAt.getTime() ||
          (f.createdAt.getTime() === after.followedAt.getTime() && f.followerId > after.followerId),
      )
      .slice(0, limit);
    const owners = followers.filter((f) => this.insert(f.followerId, entry)).map((f) => f.followerId);
    const last = followers.at(-1);
    return {
      owners,
      next:
        followers.length === limit && last
          ? { followedAt: last.createdAt, followerId: last.followerId }
          : null,
    };
  }

  async backfill(ownerId: string, authorId: string, limit: number): Promise<number> {
    this.social.unitOfWork.staged(() => {});
    if (!this.social.follows.follows.has(`${ownerId}/${authorId}`)) return 0;
    const newest = await this.postsBy(authorId, null, limit);
    return newest.filter((e) => this.insert(ownerId, e)).length;
  }

  async removeAuthor(ownerId: string, authorId: string): Promise<number> {
    this.social.unitOfWork.staged(() => {});
    if (this.social.follows.follows.has(`${ownerId}/${authorId}`)) return 0;
    const feed = this.feeds.get(ownerId);
    const gone = [...(feed?.values() ?? [])].filter((e) => e.authorId === authorId);
    for (const e of gone) feed!.delete(e.postId);
    this.social.unitOfWork.staged(() => gone.forEach((e) => feed!.set(e.postId, e)));
    return gone.length;
  }

  async standing(authorId: string): Promise<{ celebrity: boolean; followers: number }> {
    const user = this.social.users.users.get(authorId);
    return { celebrity: this.celebrityIds.has(authorId), followers: user?.followersCount ?? 0 };
  }

  async promote(authorId: string): Promise<boolean> {
    this.social.unitOfWork.staged(() => {});
    if (this.celebrityIds.has(authorId)) return false;
    this.celebrityIds.add(authorId);
    this.social.unitOfWork.staged(() => this.celebrityIds.delete(authorId));
    return true;
  }

  async posts(ids: readonly string[]): Promise<PostCard[]> {
    return ids.flatMap((id) => {
      const p = this.social.posts.posts.get(id);
      const u = p && this.social.users.users.get(p.authorId);
      if (!p || !u) return [];
      const author = { id: u.id, handle: u.handle, displayName: u.displayName, avatarId: u.avatarId };
      return [
        { id, authorId: p.authorId, text: p.text, createdAt: p.createdAt, likeCount: p.likeCount, author },
      ];
    });
  }

  async authors(ids: readonly string[]): Promise<UserSummary[]> {
    return ids.flatMap((id) => {
      const u = this.social.users.users.get(id);
      return u ? [{ id, handle: u.handle, displayName: u.displayName, avatarId: u.avatarId }] : [];
    });
  }

  async likedBy(viewerId: string, postIds: readonly string[]): Promise<Set<string>> {
    return new Set(postIds.filter((id) => this.social.likes.likes.has(`${viewerId}/${id}`)));
  }

  async likesSince(viewerId: string, floor: string, limit: number): Promise<string[] | null> {
    const liked = [...this.social.likes.likes.values()]
      .filter((l) => l.userId === viewerId && l.postId >= floor)
      .map((l) => l.postId)
      .sort();
    return liked.length > limit ? null : liked;
  }

  async apply(
    postId: string,
    delta: 1 | -1,
    score: (likeCount: number, createdAt: Date) => number | null,
  ): Promise<PopularityStanding | null> {
    this.social.unitOfWork.staged(() => {});
    const post = this.social.posts.posts.get(postId);
    if (!post) return null;
    const before = this.popularity.get(postId);
    const likeCount = (before?.likeCount ?? 0) + delta;
    const standing = {
      postId,
      authorId: post.authorId,
      createdAt: post.createdAt,
      likeCount,
      score: score(likeCount, post.createdAt),
    };
    this.popularity.set(postId, standing);
    this.social.unitOfWork.staged(() =>
      before ? this.popularity.set(postId, before) : this.popularity.delete(postId),
    );
    return standing;
  }

  async top(since: Date, after: PopularPosition | null, limit: number): Promise<PopularPost[]> {
    return [...this.popularity.values()]
      .flatMap((s) => (s.score === null || s.createdAt < since ? [] : [{ ...s, score: s.score }]))
      .map(({ postId, authorId, createdAt, score }) => ({ postId, authorId, createdAt, score }))
      .sort(mostPopularFirst)
      .filter((p) => isRankedAfter(p, after))
      .slice(0, limit);
  }

  private followees(ownerId: string): string[] {
    return [...this.social.follows.follows.values()]
      .filter((f) => f.followerId === ownerId)
      .map((f) => f.followeeId);
  }

  private insert(ownerId: string, entry: FeedEntry): boolean {
    this.social.unitOfWork.staged(() => {});
    let feed = this.feeds.get(ownerId);
    if (!feed) this.feeds.set(ownerId, (feed = new Map()));
    if (feed.has(entry.postId)) return false;
    feed.set(entry.postId, entry);
    this.social.unitOfWork.staged(() => feed.delete(entry.postId));
    return true;
  }
}
