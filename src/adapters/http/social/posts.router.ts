import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { CreatePost } from '#application/social/create-post.use-case.ts';
import type { GetPost } from '#application/social/get-post.use-case.ts';
import type { LikePost } from '#application/social/like-post.use-case.ts';
import type { ListUserPosts } from '#application/social/list-user-posts.use-case.ts';
import type { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { decodeCursor } from '../keyset-cursor.ts';
import type { SocialPresenter } from './social.presenters.ts';
import {
  CreatePostBody,
  CreatedHeaders,
  CreatedPostSchema,
  IdempotencyHeaders,
  IdParams,
  json,
  ListQuery,
  PostPageSchema,
  PostSchema,
} from './social.schemas.ts';

export interface PostsRouterDeps {
  createPost: CreatePost;
  getPost: GetPost;
  likePost: LikePost;
  unlikePost: UnlikePost;
  listUserPosts: ListUserPosts;
  requireUser: Middleware;
  /** `Idempotency-Key` support for the creating route. */
  idempotent: Middleware;
  presenter: SocialPresenter;
  docs: ApiDocs;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Posts and likes: `/api/v1/posts…` and `/api/v1/users/{id}/posts`. */
export function postsRouter(d: PostsRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const p = d.presenter;

  router.post('/posts', d.requireUser, d.idempotent, async (ctx) => {
    const { text } = validate(CreatePostBody, ctx.request.body);
    const post = await d.createPost.execute({ authorId: ctx.state.userId, text });
    ctx.status = 201;
    ctx.set('Location', `/api/v1/posts/${post.id}`);
    ctx.body = p.createdPost(post);
  });

  router.get('/posts/:id', async (ctx, next) => {
    // Not an id: leave the path to other routes under /posts (e.g. /posts/popular).
    if (!UUID.test(ctx.params.id!)) return next();
    await d.requireUser(ctx, async () => {
      ctx.body = p.post(await d.getPost.execute({ postId: ctx.params.id!, viewerId: ctx.state.userId }));
    });
  });

  router.put('/posts/:id/like', d.requireUser, async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'path');
    await d.likePost.execute({ userId: ctx.state.userId, postId: id });
    ctx.status = 204;
  });

  router.delete('/posts/:id/like', d.requireUser, async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'path');
    await d.unlikePost.execute({ userId: ctx.state.userId, postId: id });
    ctx.status = 204;
  });

  router.get('/users/:id/posts', d.requireUser, async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'path');
    const { cursor, limit } = validate(ListQuery, ctx.query, 'query');
    const page = await d.listUserPosts.execute({
      authorId: id,
      viewerId: ctx.state.userId,
      page: { limit, after: decodeCursor(cursor) },
    });
    ctx.body = p.postPage(page);
  });

  document(d.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const tags = ['Posts'];
  docs.route({
    method: 'post',
    operationId: 'createPost',
    path: '/api/v1/posts',
    tags,
    summary: 'Publish a post (immutable)',
    request: {
      headers: IdempotencyHeaders,
      body: { content: { 'application/json': { schema: CreatePostBody } } },
    },
    responses: {
      201: {
        ...json(
          'The new post (also what a retry with the same Idempotency-Key gets back).',
          CreatedPostSchema,
        ),
        headers: CreatedHeaders,
      },
      400: problems[400],
      401: problems[401],
      409: problems[409],
      422: problems[422],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'getPost',
    path: '/api/v1/posts/{id}',
    tags,
    summary: 'A post with its author, like count and whether you like it',
    request: { params: IdParams },
    responses: { 200: json('The post.', PostSchema), 401: problems[401], 404: problems[404] },
  });
  for (const [method, summary, operationId] of [
    ['put', 'Like a post (idempotent)', 'likePost'],
    ['delete', 'Unlike a post (idempotent)', 'unlikePost'],
  ] as const) {
    docs.route({
      method,
      operationId,
      path: '/api/v1/posts/{id}/like',
      tags,
      summary,
      request: { params: IdParams },
      responses: {
        204: { description: 'Done (also when it already was).' },
        400: problems[400],
        401: problems[401],
        404: problems[404],
      },
    });
  }
  docs.route({
    method: 'get',
    operationId: 'listUserPosts',
    path: '/api/v1/users/{id}/posts',
    tags,
    summary: "A user's posts, newest first",
    request: { params: IdParams, query: ListQuery },
    responses: {
      200: json('One page.', PostPageSchema),
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
}
