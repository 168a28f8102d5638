/**
 * Loaded with `node --import` before any application module, because under ESM an
 * instrumentation can only patch a package (koa, pg, ioredis, amqplib, http) if its
 * loader hook is registered before that package is first imported.
 *
 * Traces are always recorded (so logs carry trace ids) and exported over OTLP only when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-specific variable) is set. Metrics are
 * Prometheus (`/metrics`) and logs are JSON on stdout, so the SDK's own metric and log
 * exporters stay off unless asked for.
 */
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { createAddHookMessageChannel } from 'import-in-the-middle';

if (process.env.OTEL_SDK_DISABLED !== 'true') {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';

  const [{ NodeSDK }, { NoopSpanProcessor }, { resourceFromAttributes }, instrumentations] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('./instrumentations.ts'),
    ]);
  const exporting = Boolean(
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
  const version = (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME ?? `rookery-${process.argv[2] ?? 'all'}`,
      'service.namespace': 'rookery',
      'service.version': version,
      'deployment.environment.name': process.env.NODE_ENV ?? 'development',
    }),
    instrumentations: instrumentations.createInstrumentations(),
    ...(exporting ? {} : { spanProcessors: [new NoopSpanProcessor()] }),
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();

  // Flushes spans that are still buffered; the entrypoints exit after their own shutdown.
  process.once('beforeExit', () => void sdk.shutdown());
  (globalThis as { __rookeryTelemetry?: { shutdown(): Promise<void> } }).__rookeryTelemetry = sdk;
}
