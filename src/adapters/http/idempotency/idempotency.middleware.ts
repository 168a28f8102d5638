import type { Context, Middleware } from 'koa';
import type { Registry } from 'prom-client';
import type { IdempotencyStore, StoredResponse } from '#application/idempotency/idempotency-store.ts';
import {
  IdempotencyKeyReused,
  IdempotentRequestInProgress,
} from '#application/idempotency/idempotency.errors.ts';
import type { Clock } from '#application/shared/clock.ts';
import type { IdGenerator } from '#application/shared/id-generator.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { Logger } from '../../telemetry/logger.ts';
import { counter } from '../../telemetry/metrics.ts';
import { parseIdempotencyKey } from './idempotency-key.ts';
import { requestFingerprint } from './request-fingerprint.ts';

export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Headers of a first response that a replay repeats. */
const REPLAYED_HEADERS = ['location', 'content-location'];

export interface IdempotencyOptions {
  store: IdempotencyStore;
  unitOfWork: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  metrics: Registry;
  /** How long a key and its response are kept (IDEMPOTENCY_KEY_TTL_HOURS). */
  ttlMs: number;
  /** How long a claim holds before a retry may assume its request died (longer than any request). */
  leaseMs?: number;
  /** How often, at most, expired keys are swept (by the next request that carries a key). */
  sweepIntervalMs?: number;
}

/**
 * Makes a creating route safe to retry with `Idempotency-Key` (IETF draft; Stripe's
 * semantics). Runs after `requireUser`: keys belong to a user. Without the header the
 * route runs as usual. The route and the stored response share one transaction, so a
 * crash leaves either both or neither; a failed request stores nothing (retry it).
 */
export function idempotent(options: IdempotencyOptions): Middleware {
  const { store, unitOfWork, clock, ids, logger, ttlMs } = options;
  const requests = counter(options.metrics, {
    name: 'idempotent_requests_total',
    help: 'Requests that carried an Idempotency-Key, by route and outcome (executed, replayed, key_reused, in_progress).',
    labelNames: ['route', 'outcome'] as const,
  });
  const leaseMs = options.leaseMs ?? 60_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 10 * 60_000;
  let lastSweep = 0;

  return async (ctx, next) => {
    const header = ctx.headers['idempotency-key'];
    if (header === undefined) return next();
    const key = parseIdempotencyKey(Array.isArray(header) ? header.join(',') : header);
    const userId = ctx.state.userId as string | undefined;
    if (!userId) throw new Error('idempotent() must run after requireUser (keys belong to a user).');
    const now = clock.now();
    const token = ids.next();
    const outcome = await store.claim({
      userId,
      key,
      token,
      now,
      fingerprint: requestFingerprint(ctx.method, ctx.url, ctx.request.body),
      lockedUntil: new Date(now.getTime() + leaseMs),
      expiresAt: new Date(now.getTime() + ttlMs),
    });
    const route = ctx._matchedRoute?.toString() ?? 'unmatched';
    const count = (result: string) => requests.inc({ route, outcome: result });
    if (outcome.kind === 'mismatch') {
      count('key_reused');
      throw new IdempotencyKeyReused();
    }
    if (outcome.kind === 'in_progress') {
      count('in_progress');
      throw new IdempotentRequestInProgress();
    }
    if (outcome.kind === 'completed') {
      count('replayed');
      return replay(ctx, outcome.response);
    }
    count('executed');

    // Released unless the response was stored *and* committed: an ambiguous commit is safe too,
    // since release only frees a claim that is still in progress under this token.
    let stored = false;
    try {
      let completed = false;
      await unitOfWork.transaction(async () => {
        await next();
        if (ctx.status < 200 || ctx.status >= 300) return;
        // Lost the claim (ran past its lease and a retry took over): roll back rather than act twice.
        completed = await store.complete(userId, key, token, responseOf(ctx));
        if (!completed) throw new IdempotentRequestInProgress();
      });
      stored = completed;
    } finally {
      if (!stored) await releaseClaim(store, logger, { userId, key, token }, Date.now() + leaseMs);
    }
    if (now.getTime() - lastSweep >= sweepIntervalMs) {
      lastSweep = now.getTime();
      // In the background: a sweep never delays a response, and expired keys are ignored anyway.
      store.deleteExpired(now, 1_000).catch((err) => logger.warn({ err }, 'idempotency key sweep failed'));
    }
  };
}

/**
 * Frees the claim of a request that did not complete. When the database itself is what
 * failed (a restart, a failover), the release fails too, and the key would stay locked
 * for the whole lease: every retry answered 409 for a minute. So a failed release is
 * retried in the background, with backoff, until it succeeds or the lease ends anyway.
 */
async function releaseClaim(
  store: IdempotencyStore,
  logger: Logger,
  claim: { userId: string; key: string; token: string },
  leaseEndsAt: number,
): Promise<void> {
  const release = () => store.release(claim.userId, claim.key, claim.token);
  try {
    await release();
    return;
  } catch (err) {
    logger.warn({ err }, 'idempotency release failed; retrying until the lease ends');
  }
  void (async () => {
    for (let delayMs = 100; Date.now() + delayMs < leaseEndsAt; delayMs = Math.min(delayMs * 2, 2_000)) {
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      try {
        await release();
        logger.info('idempotency claim released after retrying');
        return;
      } catch {
        // Still failing: the next attempt, or the lease's end, frees it.
      }
    }
  })();
}

function responseOf(ctx: Context): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = ctx.response.get(name);
    if (value) headers[name] = value;
  }
  return { status: ctx.status, headers, body: ctx.body ?? null };
}

function replay(ctx: Context, response: StoredResponse): void {
  ctx.set(response.headers);
  ctx.set(REPLAYED_HEADER, 'true');
  if (response.body !== null) ctx.body = response.body;
  ctx.status = response.status;
}
