import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy that can partition the network silently: while partitioned, connections
 * stay open and new ones are accepted, but nothing gets through in either direction, as
 * when a peer's host hangs or a firewall drops packets (no RST, no FIN). Healing ends the
 * partitioned connections, whose streams lost bytes, so that clients reconnect.
 */
export class BlackholeProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private partitioned = false;
  port = 0;

  private constructor(target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      this.track(client);
      if (this.partitioned) return; // accepted, never answered
      const upstream = net.connect(target.port, target.host);
      this.track(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.on('data', (chunk: Buffer) => void (this.partitioned || upstream.write(chunk)));
      upstream.on('data', (chunk: Buffer) => void (this.partitioned || client.write(chunk)));
    });
  }

  static async start(targetUrl: string): Promise<BlackholeProxy> {
    const url = new URL(targetUrl);
    const proxy = new BlackholeProxy({ host: url.hostname, port: Number(url.port) });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  /** The target URL with host and port replaced by the proxy's. */
  url(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.heal();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
  }
}
