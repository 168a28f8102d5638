import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSpan {
  scope: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
const flatten = (attrs: { key: string; value: AnyValue }[] = []) =>
  Object.fromEntries(
    attrs.map(({ key, value }) => [
      key,
      value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue,
    ]),
  );

/**
 * A minimal OTLP/HTTP (JSON) trace receiver standing in for a collector or Jaeger:
 * it accepts what the SDK exports and keeps every span.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private readonly server: Server;
  url = '';

  private constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/v1/traces') this.collect(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  private collect(payload: {
    resourceSpans: {
      resource: { attributes: { key: string; value: AnyValue }[] };
      scopeSpans: {
        scope: { name: string };
        spans: (Omit<ReceivedSpan, 'scope' | 'resource' | 'attributes'> & {
          attributes: { key: string; value: AnyValue }[];
        })[];
      }[];
    }[];
  }): void {
    for (const rs of payload.resourceSpans) {
      for (const ss of rs.scopeSpans) {
        for (const span of ss.spans) {
          this.spans.push({
            ...span,
            scope: ss.scope.name,
            attributes: flatten(span.attributes),
            resource: flatten(rs.resource.attributes),
          });
        }
      }
    }
  }

  async waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs = 10_000): Promise<ReceivedSpan[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.spans)) {
      if (Date.now() > deadline)
        throw new Error(`spans never matched; got ${JSON.stringify(this.spans.map((s) => s.name))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.spans;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
