import { trace } from '@opentelemetry/api';
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { serializeError } from './error-serializer.ts';

export type { Logger };

/**
 * JSON logs on stdout, one object per line, carrying the active span's `trace_id` and
 * `span_id` so a log line leads to its trace. Secrets are redacted by path; errors under
 * `err` lose the values of any SQL they carry (see serializeError).
 */
export function createLogger(
  options: { level: LevelWithSilent; service: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'message',
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: {
        paths: [
          'password',
          '*.password',
          'req.headers.authorization',
          'req.headers.cookie',
          '*.access_token',
          '*.refresh_token',
          'token',
        ],
        censor: '[redacted]',
      },
      mixin() {
        const context = trace.getActiveSpan()?.spanContext();
        return context && context.traceId !== '00000000000000000000000000000000'
          ? { trace_id: context.traceId, span_id: context.spanId }
          : {};
      },
    },
    destination,
  );
}
