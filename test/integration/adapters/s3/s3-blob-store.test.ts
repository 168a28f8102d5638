import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'minio';
import { CircuitBreakingBlobStore } from '#adapters/s3/circuit-breaking-blob-store.ts';
import { openS3 } from '#adapters/s3/s3-client.ts';
import { S3BlobStore } from '#adapters/s3/s3-blob-store.ts';
import { StorageUnavailable } from '#application/avatars/blob-store.ts';
import { blobStoreContract } from '../../../contracts/blob-store.contract.ts';
import { startS3Server, type TestS3Server } from '../../../support/s3-server.ts';
import { TcpProxy } from '../../../support/tcp-proxy.ts';

const settings = (server: TestS3Server, endpoint = server.endpoint) => ({
  endpoint,
  region: 'us-east-1',
  bucket: `avatars-${randomUUID().slice(0, 8)}`,
  accessKey: server.accessKey,
  secretKey: server.secretKey,
});

blobStoreContract('S3BlobStore on s3rver', async () => {
  const server = await startS3Server();
  const s = settings(server);
  return { store: new S3BlobStore(await openS3(s), s.bucket), close: () => server.close() };
});

blobStoreContract('S3BlobStore behind its circuit breaker, on s3rver', async () => {
  const server = await startS3Server();
  const s = settings(server);
  const store = new CircuitBreakingBlobStore(new S3BlobStore(await openS3(s), s.bucket), {
    timeoutMs: 10_000,
    resetMs: 1_000,
  });
  return {
    store,
    close: async () => {
      store.shutdown();
      await server.close();
    },
  };
});

describe('the storage circuit breaker', () => {
  let server: TestS3Server;
  beforeAll(async () => {
    server = await startS3Server();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers at once with StorageUnavailable once a hanging S3 made enough calls time out', async () => {
    let requests = 0;
    const sockets = new Set<net.Socket>();
    const hanging = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => requests++); // …and never answers
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const s = settings(server);
    const client = new Client({
      endPoint: '127.0.0.1',
      port,
      useSSL: false,
      accessKey: 'k',
      secretKey: 's',
      pathStyle: true,
      region: 'us-east-1',
    });
    const store = new CircuitBreakingBlobStore(new S3BlobStore(client, s.bucket), {
      timeoutMs: 300,
      resetMs: 60_000,
      minimumCalls: 3,
    });
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await expect(store.get(`k${i}`)).rejects.toBeInstanceOf(StorageUnavailable);
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      }
      expect(store.state).toBe('open');
      const seen = requests;
      const started = Date.now();
      const refused = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => store.put(`x${i}`, new Uint8Array([1]), 'image/jpeg')),
      );
      expect(Date.now() - started).toBeLessThan(100);
      expect(refused.every((r) => r.status === 'rejected' && r.reason instanceof StorageUnavailable)).toBe(
        true,
      );
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'storage.unavailable',
        kind: 'unavailable',
      });
      expect(requests).toBe(seen); // nothing more reached S3
    } finally {
      store.shutdown();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  it('closes again after the reset time once S3 answers', async () => {
    const proxy = await TcpProxy.start(server.endpoint);
    const s = settings(server, proxy.url(server.endpoint).replace(/\/$/, ''));
    const store = new CircuitBreakingBlobStore(new S3BlobStore(await openS3(s), s.bucket), {
      timeoutMs: 2_000,
      resetMs: 300,
      minimumCalls: 3,
    });
    try {
      proxy.cut();
      for (let i = 0; i < 3; i++) await expect(store.get('k')).rejects.toBeInstanceOf(StorageUnavailable);
      expect(store.state).toBe('open');
      proxy.restore();
      await expect(store.get('k')).rejects.toThrow(/circuit is open/);
      await new Promise((r) => setTimeout(r, 400));
      await store.put('back', new Uint8Array([42]), 'image/jpeg');
      expect(store.state).toBe('closed');
      expect(Array.from((await store.get('back'))!)).toEqual([42]);
    } finally {
      store.shutdown();
      await proxy.close();
    }
  });
});
