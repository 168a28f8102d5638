import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import {
  AvatarIdParams,
  AvatarMetadataSchema,
  AvatarPageSchema,
  CreatedAvatarSchema,
  IdempotencyHeaders,
  ImageQuery,
  image,
  json,
  ListQuery,
  UploadBody,
  UserIdParams,
} from './avatar.schemas.ts';

const tags = ['Avatars'];
const cached =
  'Strong `ETag`, `Cache-Control: public, max-age=86400, immutable`; `If-None-Match` gives 304. While the avatar is ' +
  'processing, `original` is rendered on the fly (metadata stripped) with `Cache-Control: public, no-cache`, ' +
  'and thumbnails answer 404 `avatar.rendition_not_ready` with `Retry-After`.';

/** OpenAPI entries for `/api/v1/avatars…`, from the schemas the router validates with. */
export function documentAvatarRoutes(docs: ApiDocs): void {
  docs.route({
    method: 'post',
    operationId: 'uploadAvatar',
    path: '/api/v1/avatars',
    tags,
    summary: 'Upload an avatar (JPEG, PNG or WebP, at most 10 MiB)',
    description:
      'The format is decided by the content. Thumbnails (100x100, 300x300) are made asynchronously: ' +
      'the avatar is `processing` until `GET /api/v1/avatars/{id}/metadata` says `ready` (or `failed`).',
    request: {
      headers: IdempotencyHeaders,
      body: { content: { 'multipart/form-data': { schema: UploadBody } } },
    },
    responses: {
      201: json('Accepted; processing.', CreatedAvatarSchema),
      400: problems[400],
      401: problems[401],
      403: problems[403],
      413: problems[413],
      422: problems[422],
      415: { description: 'The body is not multipart/form-data.', content: problems[400].content },
      503: problems[503],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'getAvatarImage',
    path: '/api/v1/avatars/{id}',
    tags,
    summary: 'The avatar image in a size and format (public)',
    description: cached,
    authenticated: false,
    request: { params: AvatarIdParams, query: ImageQuery },
    responses: {
      200: image('The image.'),
      304: { description: 'Not modified.' },
      400: problems[400],
      404: problems[404],
      503: problems[503],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'getAvatar',
    path: '/api/v1/avatars/{id}/metadata',
    tags,
    summary: 'File name, type, size, dimensions, thumbnails and status of an avatar',
    request: { params: AvatarIdParams },
    responses: { 200: json('The metadata.', AvatarMetadataSchema), 401: problems[401], 404: problems[404] },
  });
  docs.route({
    method: 'delete',
    operationId: 'deleteAvatar',
    path: '/api/v1/avatars/{id}',
    tags,
    summary: 'Delete one of your avatars (gone at once; files removed asynchronously)',
    request: { params: AvatarIdParams },
    responses: {
      204: { description: 'Deleted.' },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  });
}

export function documentUserAvatarRoutes(docs: ApiDocs): void {
  docs.route({
    method: 'get',
    operationId: 'getUserAvatar',
    path: '/api/v1/users/{user_id}/avatar',
    tags,
    summary: "A user's current avatar image (public)",
    description:
      'The newest ready avatar, or the one chosen with `PATCH /api/v1/me`. `Cache-Control: public, max-age=60` ' +
      '(it changes when the user changes avatar); `Content-Location` names the avatar itself.',
    authenticated: false,
    request: { params: UserIdParams, query: ImageQuery },
    responses: {
      200: image('The image.'),
      304: { description: 'Not modified.' },
      400: problems[400],
      404: problems[404],
    },
  });
  docs.route({
    method: 'delete',
    operationId: 'removeUserAvatar',
    path: '/api/v1/users/{user_id}/avatar',
    tags,
    summary: 'Delete your current avatar (the next newest ready one is shown instead)',
    request: { params: UserIdParams },
    responses: {
      204: { description: 'Deleted.' },
      401: problems[401],
      403: problems[403],
      404: problems[404],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'listUserAvatars',
    path: '/api/v1/users/{user_id}/avatars',
    tags,
    summary: "A user's avatars, newest first",
    request: { params: UserIdParams, query: ListQuery },
    responses: {
      200: json('One page.', AvatarPageSchema),
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
}
