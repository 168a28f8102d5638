import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { DeadLetter } from '#application/messaging/dead-letter-store.ts';
import type { ListDeadLetters } from '#application/messaging/list-dead-letters.use-case.ts';
import type { PurgeDeadLetters } from '#application/messaging/purge-dead-letters.use-case.ts';
import type { ReplayDeadLetters } from '#application/messaging/replay-dead-letters.use-case.ts';
import type { ShowDeadLetter } from '#application/messaging/show-dead-letter.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';

export interface DeadLetterUseCases {
  list: ListDeadLetters;
  show: ShowDeadLetter;
  replay: ReplayDeadLetters;
  purge: PurgeDeadLetters;
}

const Consumer = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);
const Params = z.object({ consumer: Consumer });
const OneParams = z.object({ consumer: Consumer, event_id: z.uuid() });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(50) });
const ReplayBody = z.object({ event_id: z.uuid().optional() }).strict();

const DeadLetterSchema = z.object({
  consumer: z.string(),
  event_id: z.string().nullable(),
  type: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string(),
  dead_lettered_at: z.string().nullable(),
  body: z.string(),
});

const toJson = (d: DeadLetter) => ({
  consumer: d.consumer,
  event_id: d.eventId,
  type: d.type,
  attempts: d.attempts,
  error: d.error,
  dead_lettered_at: d.deadLetteredAt?.toISOString() ?? null,
  body: d.body,
});

/** Operator endpoints for dead letters, the HTTP twin of `rookery dlq`; administrators only. */
export function deadLettersRouter(
  useCases: DeadLetterUseCases,
  guards: { requireUser: Middleware; requireAdmin: Middleware },
  docs: ApiDocs,
): Router {
  const base = '/api/v1/admin/dead-letters/:consumer';
  const router = new Router();
  const admin = [guards.requireUser, guards.requireAdmin] as const;

  router.get(base, ...admin, async (ctx) => {
    const { consumer } = validate(Params, ctx.params, 'path');
    const { limit } = validate(ListQuery, ctx.query, 'query');
    const { total, items } = await useCases.list.execute({ consumer, limit });
    ctx.body = { total, items: items.map(toJson) };
  });
  router.get(`${base}/:event_id`, ...admin, async (ctx) => {
    const { consumer, event_id } = validate(OneParams, ctx.params, 'path');
    ctx.body = toJson(await useCases.show.execute({ consumer, eventId: event_id }));
  });
  router.post(`${base}/replay`, ...admin, async (ctx) => {
    const { consumer } = validate(Params, ctx.params, 'path');
    const { event_id } = validate(ReplayBody, ctx.request.body ?? {});
    ctx.body = await useCases.replay.execute({ consumer, eventId: event_id });
  });
  router.delete(base, ...admin, async (ctx) => {
    const { consumer } = validate(Params, ctx.params, 'path');
    ctx.body = await useCases.purge.execute({ consumer });
  });

  const path = '/api/v1/admin/dead-letters/{consumer}';
  const params = z.object({ consumer: z.string() });
  const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404] };
  docs.route({
    method: 'get',
    operationId: 'listDeadLetters',
    path,
    tags: ['Operations'],
    summary: "A consumer's dead letters (admin)",
    request: { params, query: ListQuery },
    responses: {
      200: {
        description: 'Total and the oldest dead letters',
        content: {
          'application/json': { schema: z.object({ total: z.number(), items: z.array(DeadLetterSchema) }) },
        },
      },
      ...errors,
    },
  });
  docs.route({
    method: 'get',
    operationId: 'getDeadLetter',
    path: `${path}/{event_id}`,
    tags: ['Operations'],
    summary: 'One dead letter (admin)',
    request: { params: OneParams },
    responses: {
      200: { description: 'The dead letter', content: { 'application/json': { schema: DeadLetterSchema } } },
      ...errors,
    },
  });
  docs.route({
    method: 'post',
    operationId: 'replayDeadLetters',
    path: `${path}/replay`,
    tags: ['Operations'],
    summary: 'Replay one (event_id) or all dead letters as first attempts, keeping their event ids (admin)',
    request: { params, body: { content: { 'application/json': { schema: ReplayBody } } } },
    responses: {
      200: {
        description: 'How many',
        content: { 'application/json': { schema: z.object({ replayed: z.number() }) } },
      },
      ...errors,
    },
  });
  docs.route({
    method: 'delete',
    operationId: 'discardDeadLetters',
    path,
    tags: ['Operations'],
    summary: "Delete a consumer's dead letters (admin)",
    request: { params },
    responses: {
      200: {
        description: 'How many',
        content: { 'application/json': { schema: z.object({ purged: z.number() }) } },
      },
      ...errors,
    },
  });
  return router;
}
