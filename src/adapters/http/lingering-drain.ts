import type { IncomingMessage } from 'node:http';

export interface DrainBounds {
  /** Bytes read and discarded at most, before giving up. */
  maxBytes: number;
  /** Milliseconds spent at most, so that a slow sender cannot hold the connection. */
  maxMs: number;
}

/**
 * Reads and discards the rest of a request body the server has refused, as nginx's
 * lingering close does: a server that answers early and closes while the client is still
 * sending makes the client's TCP stack see a reset (EPIPE / ECONNRESET) and lose the
 * answer. Resolves true once the body was read to its end, false when a bound was hit
 * (then the caller should close the connection after answering).
 */
export function drainRequest(request: IncomingMessage, bounds: DrainBounds): Promise<boolean> {
  if (request.complete || request.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const timer = setTimeout(() => done(false), bounds.maxMs);
    const done = (drained: boolean) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onEnd);
      if (!drained) request.pause();
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > bounds.maxBytes) done(false);
    };
    const onEnd = () => done(true);
    request.on('data', onData).on('end', onEnd).on('close', onEnd).on('error', onEnd);
    request.resume();
  });
}
