import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import { DomainError } from '#domain/shared/domain-error.ts';
import { histogram } from './metrics.ts';

const tracer = trace.getTracer('rookery.use-cases');

interface UseCase {
  execute(input: never): Promise<unknown>;
}

/**
 * Wraps a use case's `execute` in a span named after it and times it by outcome
 * (`ok`, the error's kind for expected failures, `error` otherwise). Applied by the
 * composition root to every use case, so the use cases themselves stay free of telemetry.
 */
export function traced<T extends UseCase>(name: string, useCase: T, metrics: Registry): T {
  const duration = histogram(metrics, {
    name: 'use_case_duration_seconds',
    help: 'Time spent in each use case, by outcome.',
    labelNames: ['use_case', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  });
  const execute = useCase.execute.bind(useCase) as (input: unknown) => Promise<unknown>;
  const wrapped = (input: unknown) =>
    tracer.startActiveSpan(`use_case ${name}`, async (span) => {
      const end = duration.startTimer({ use_case: name });
      try {
        const result = await execute(input);
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        const expected = error instanceof DomainError;
        end({ outcome: expected ? error.kind : 'error' });
        if (expected) span.setAttribute('rookery.error.code', error.code);
        else span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  Object.defineProperty(useCase, 'execute', { value: wrapped });
  return useCase;
}
