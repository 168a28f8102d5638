import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { GetHomeFeed } from '#application/feed/get-home-feed.use-case.ts';
import type { GetPopularPosts } from '#application/feed/get-popular-posts.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { decodeCursor, encodeCursor } from '../keyset-cursor.ts';
import { json, ListQuery } from '../social/social.schemas.ts';
import type { FeedPresenter } from './feed.presenter.ts';
import { FeedPageSchema } from './feed.schemas.ts';
import { decodePopularCursor, encodePopularCursor } from './popular-cursor.ts';

export interface FeedRouterDeps {
  getHomeFeed: GetHomeFeed;
  getPopularPosts: GetPopularPosts;
  /** Authenticates; the API's rate limits (groups `feed` and `popular`) apply around it. */
  requireUser: Middleware;
  presenter: FeedPresenter;
  docs: ApiDocs;
}

/** `GET /api/v1/feed` (the home feed) and `GET /api/v1/posts/popular` (trending). */
export function feedRouter(d: FeedRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  router.get('/feed', d.requireUser, async (ctx) => {
    const { cursor, limit } = validate(ListQuery, ctx.query, 'query');
    const page = await d.getHomeFeed.execute({
      viewerId: ctx.state.userId,
      page: { limit, after: decodeCursor(cursor) },
    });
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { items: d.presenter.items(page.items), next_cursor: encodeCursor(page.next) };
  });

  router.get('/posts/popular', d.requireUser, async (ctx) => {
    const { cursor, limit } = validate(ListQuery, ctx.query, 'query');
    const page = await d.getPopularPosts.execute({
      viewerId: ctx.state.userId,
      limit,
      after: decodePopularCursor(cursor),
    });
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { items: d.presenter.items(page.items), next_cursor: encodePopularCursor(page.next) };
  });

  document(d.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const limited =
    ' Rate limited per user and per client address: every answer carries RateLimit-Limit, ' +
    'RateLimit-Remaining and RateLimit-Reset; over the limit, 429 with Retry-After.';
  docs.route({
    method: 'get',
    operationId: 'getHomeFeed',
    path: '/api/v1/feed',
    tags: ['Feed'],
    summary: 'Your home feed: your posts and those of everyone you follow, newest first',
    description:
      'Keyset pages: posts arriving while you scroll appear on the first page, never shifting later ones.' +
      limited,
    request: { query: ListQuery },
    responses: {
      200: json('One page.', FeedPageSchema),
      400: problems[400],
      401: problems[401],
      429: problems[429],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'listPopularPosts',
    path: '/api/v1/posts/popular',
    tags: ['Feed'],
    summary: 'Trending posts: likes discounted by age, best first',
    description:
      'Posts of the last FEED_POPULAR_WINDOW_HOURS, ranked by log2(likes) − age / half-life (a like on a ' +
      'post one half-life older counts half).' +
      limited,
    request: { query: ListQuery },
    responses: {
      200: json('One page.', FeedPageSchema),
      400: problems[400],
      401: problems[401],
      429: problems[429],
    },
  });
}
