import type { Middleware } from 'koa';
import { DomainError } from '#domain/shared/domain-error.ts';

/** Far deeper than any body the API defines (two or three levels), far shallower than a stack. */
export const MAX_JSON_DEPTH = 64;

class JsonTooDeep extends DomainError {
  constructor(maxDepth: number) {
    super('request.too_deep', 'invalid', `The request body nests deeper than ${maxDepth} levels.`, {
      max_depth: maxDepth,
    });
  }
}

/**
 * Refuses a parsed JSON body nested deeper than `maxDepth`, before anything walks it
 * recursively (the idempotency fingerprint, validation, logging): a few KB of `[[[[…`
 * is enough to overflow the stack of a recursive walker. Measured without recursion.
 */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH): Middleware {
  return async (ctx, next) => {
    const body: unknown = ctx.request.body;
    if (body !== null && typeof body === 'object' && depthExceeds(body, maxDepth)) {
      throw new JsonTooDeep(maxDepth);
    }
    await next();
  };
}

function depthExceeds(root: object, maxDepth: number): boolean {
  const pending: [value: object, depth: number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value) as unknown[]) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
