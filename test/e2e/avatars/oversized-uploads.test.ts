import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { apiClient, bootRookery, type BootedRookery } from '../../support/identity-api.ts';

/**
 * An 11 MB upload is refused with 413 while the client is still sending it. Unless the
 * server reads the rest before closing (a lingering close), the client's socket sees a
 * reset and Node's fetch reports "fetch failed" (EPIPE) instead of the answer (issue 12).
 */
describe('oversized avatar uploads', () => {
  let booted: BootedRookery;
  let token: string;
  beforeAll(async () => {
    booted = await bootRookery(false);
    const registered = await apiClient(booted.rookery.url)('POST', '/api/v1/auth/register', {
      body: { email: 'big@example.com', password: 'correct horse battery', handle: 'big_uploader' },
    });
    token = registered.body.access_token as string;
  }, 60_000);
  afterAll(() => booted?.stop());

  const eleven = new Uint8Array(11 * 1024 * 1024).fill(0xab);

  /**
   * Sends a multipart upload of `bytes` over a raw socket in 256 KiB chunks, 5 ms apart (a
   * real uplink, slower than loopback), and reports how the exchange ended: a socket error
   * while still sending (the server closed early) or the answer's status line.
   */
  const pacedUpload = (bytes: Uint8Array) =>
    new Promise<string>((resolve) => {
      const url = new URL(booted.rookery.url);
      const boundary = 'rookery-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      );
      const body = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      // Half-open, as browsers and fetch are: a FIN from the server does not stop the upload.
      const socket = connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: true });
      let answer = '';
      let sent = 0;
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', (error: NodeJS.ErrnoException) =>
        resolve(`${error.code} after sending ${sent} of ${body.length} bytes`),
      );
      socket.on('close', () => resolve(answer.split('\r\n')[0] ?? 'closed without an answer'));
      socket.write(
        `POST /api/v1/avatars HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n` +
          'Connection: close\r\n\r\n',
      );
      const next = () => {
        if (socket.destroyed) return;
        if (sent >= body.length) return void socket.end();
        const chunk = body.subarray(sent, sent + 256 * 1024);
        sent += chunk.length;
        socket.write(chunk, () => setTimeout(next, 5));
      };
      next();
    });

  it('reads an 11 MB upload sent at uplink speed to its end before answering 413', async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) outcomes.push(await pacedUpload(eleven));
    expect(outcomes).toEqual(Array.from({ length: 3 }, () => 'HTTP/1.1 413 Payload Too Large'));
  }, 60_000);

  it('answers every one of 20 uploads of 11 MB with a readable 413', async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const form = new FormData();
      form.append('file', new Blob([eleven], { type: 'image/jpeg' }), 'huge.jpg');
      try {
        const answer = await fetch(`${booted.rookery.url}/api/v1/avatars`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: form,
        });
        const body = (await answer.json()) as { code?: string };
        outcomes.push(`${answer.status} ${body.code}`);
      } catch (error) {
        outcomes.push(`failed: ${String((error as { cause?: unknown }).cause ?? error)}`);
      }
    }
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => '413 avatar.too_large'));
  }, 120_000);
});
