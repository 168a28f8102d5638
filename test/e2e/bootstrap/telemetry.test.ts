import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OtlpReceiver } from '../../support/otlp-receiver.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { startRookeryProcess, type RookeryProcess } from '../../support/rookery-process.ts';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('OpenTelemetry, registered with --import before the app loads', () => {
  let database: TestDatabase;
  let receiver: OtlpReceiver;
  let rookery: RookeryProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await OtlpReceiver.start();
    rookery = await startRookeryProcess('api', {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      NODE_ENV: 'test',
      DATA_DIR: '/tmp/rookery-e2e-telemetry',
    });
  }, 60_000);

  afterAll(async () => {
    await rookery?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it("puts the HTTP, Koa and pg spans of one request in one trace, continuing the caller's", async () => {
    const response = await fetch(`${rookery.url}/ready`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);

    const has = (scope: string) => (spans: typeof receiver.spans) =>
      spans.some((s) => s.traceId === traceId && s.scope.endsWith(scope));
    const spans = await receiver.waitFor((all) =>
      ['http', 'koa', 'pg'].every((s) => has(`instrumentation-${s}`)(all)),
    );
    const ours = spans.filter((s) => s.traceId === traceId);

    const server = ours.find((s) => s.scope.endsWith('instrumentation-http') && s.kind === 2);
    expect(server?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(ours.find((s) => s.scope.endsWith('instrumentation-koa'))?.name).toBe('router - /ready');
    expect(
      ours.find((s) => s.scope.endsWith('instrumentation-pg') && s.name.startsWith('pg.query')),
    ).toBeDefined();
    expect(server?.resource).toMatchObject({
      'service.name': 'rookery-api',
      'service.version': '0.1.0',
      'deployment.environment.name': 'test',
    });
  });

  it('writes log lines that carry the trace and span ids of the request', async () => {
    await fetch(`${rookery.url}/ready`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b8-01` } });
    await new Promise((r) => setTimeout(r, 200));
    const line = rookery.logs.find((l) => l.path === '/ready' && l.trace_id === traceId);
    expect(line).toBeDefined();
    expect(line?.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not trace probes that do not ask for it', async () => {
    const before = receiver.spans.length;
    await fetch(`${rookery.url}/ready`);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.spans.slice(before).filter((s) => s.name.includes('/ready'))).toEqual([]);
  });
});
