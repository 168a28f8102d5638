import { Writable } from 'node:stream';
import { createLogger, type Logger } from '#adapters/telemetry/logger.ts';

/** A real JSON logger whose lines are kept for assertions. */
export function captureLogger(level: 'info' | 'debug' = 'debug'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, service: 'test' }, sink), lines };
}
