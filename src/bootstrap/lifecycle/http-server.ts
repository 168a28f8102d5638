import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Draining } from '#adapters/http/operations/draining.ts';

export interface RunningHttpServer {
  url: string;
  server: Server;
  /**
   * Stops accepting, lets in-flight requests finish within `timeoutMs`, then cuts the rest.
   * Called after the drain, when balancers no longer send here: the idle kept-alive sockets
   * closed now carry no requests.
   */
  stop(timeoutMs: number): Promise<void>;
}

export async function startHttpServer(
  app: Koa,
  host: string,
  port: number,
  draining: Draining,
): Promise<RunningHttpServer> {
  const handle = app.callback();
  const server = createServer((req, res) => {
    // Keep-alive clients must not reuse a connection to a process that is going away.
    if (draining.active) res.setHeader('Connection', 'close');
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than typical load balancer idle timeouts
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    async stop(timeoutMs) {
      draining.begin();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
