import type { PopularPosition } from '#domain/feed/popularity.ts';
import type { Clock } from '../shared/clock.ts';
import type { FeedItem, FeedItems } from './feed-items.ts';
import type { PopularRanking } from './popular-ranking.ts';

export interface GetPopularPostsQuery {
  viewerId: string;
  limit: number;
  after: PopularPosition | null;
}

export interface PopularPage {
  items: FeedItem[];
  next: PopularPosition | null;
}

/**
 * Trending posts: the posts of the last `windowHours` ranked by their time-decayed like
 * score (see `popularityScore`), best first.
 */
export class GetPopularPosts {
  private readonly ranking: PopularRanking;
  private readonly items: FeedItems;
  private readonly clock: Clock;
  private readonly windowHours: number;

  constructor(ranking: PopularRanking, items: FeedItems, clock: Clock, windowHours: number) {
    this.ranking = ranking;
    this.items = items;
    this.clock = clock;
    this.windowHours = windowHours;
  }

  async execute({ viewerId, limit, after }: GetPopularPostsQuery): Promise<PopularPage> {
    const since = new Date(this.clock.now().getTime() - this.windowHours * 3_600_000);
    const ranked = await this.ranking.page(since, after, limit + 1);
    const shown = ranked.slice(0, limit);
    const items = await this.items.assemble(
      viewerId,
      shown.map((p) => ({ postId: p.postId, authorId: p.authorId, createdAt: p.createdAt })),
    );
    const last = shown.at(-1);
    return { items, next: ranked.length > limit && last ? { score: last.score, id: last.postId } : null };
  }
}
