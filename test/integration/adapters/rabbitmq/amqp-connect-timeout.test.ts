import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net, { type AddressInfo } from 'node:net';
import { AmqpConnection } from '#adapters/rabbitmq/amqp-connection.ts';
import { captureLogger } from '../../../support/capture-logger.ts';
import { services } from '../../../support/services.ts';

/**
 * A peer that accepts TCP and never speaks AMQP (a half-dead broker, a balancer with no
 * backend) must cost a connection attempt a bounded time, and attempts are retried with
 * backoff, so neither a start nor a reconnect hangs on it.
 */
describe('AmqpConnection.open against a peer that accepts and stays silent', () => {
  let silent: net.Server;
  const accepted: net.Socket[] = [];
  let url: string;

  beforeAll(async () => {
    silent = net.createServer((socket) => {
      accepted.push(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `amqp://guest:guest@127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up after its retries, each attempt bounded by the connect timeout', async () => {
    const started = Date.now();
    await expect(
      AmqpConnection.open(url, captureLogger().logger, { connectTimeoutMs: 300, connectRetries: 2 }),
    ).rejects.toThrow(/ETIMEDOUT|timed? ?out/i);
    const elapsed = Date.now() - started;
    // Three attempts of 300 ms and two backoff pauses (200 ms, then 400 ms, ±20 %).
    expect(accepted).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(4_000);
  }, 15_000);

  it('still connects to a real broker with the same bound', async () => {
    const connection = await AmqpConnection.open(services.amqpUrl, captureLogger().logger, {
      connectTimeoutMs: 2_000,
    });
    expect(connection.connected).toBe(true);
    await connection.close();
  });
});
