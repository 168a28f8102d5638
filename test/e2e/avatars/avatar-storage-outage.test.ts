import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { sidewaysJpegWithGps } from '../../support/avatars/image-corpus.ts';
import {
  bootAvatarWorld,
  untilProcessed,
  uploadAvatar,
  type AvatarWorld,
} from '../../support/avatars/avatar-api.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';

/**
 * Full mode split as deployed: an `api` process with direct S3 access, and a `worker`
 * process whose S3 sits behind a proxy the test can cut.
 */
describe('avatars while S3 is out (full mode, api and worker processes)', () => {
  let api: AvatarWorld;
  let worker: AvatarWorld;
  let proxy: TcpProxy;
  let user: { id: string; token: string };
  let jpeg: Buffer;
  beforeAll(async () => {
    api = await bootAvatarWorld('full', {
      roles: ['api'],
      env: { S3_TIMEOUT_MS: '1000', S3_CIRCUIT_RESET_MS: '500' },
    });
    const config = api.rookery.config;
    if (config.storage.kind !== 's3' || config.database.kind !== 'postgres') throw new Error('not full mode');
    proxy = await TcpProxy.start(config.storage.endpoint);
    worker = await bootAvatarWorld('full', {
      roles: ['worker'],
      joining: api,
      env: {
        S3_ENDPOINT: proxy.url(config.storage.endpoint).replace(/\/$/, ''),
        S3_TIMEOUT_MS: '1000',
        S3_CIRCUIT_RESET_MS: '500',
        EVENT_RETRY_DELAYS_MS: '300,600,1200,2400,4800',
      },
    });
    user = await api.signUp();
    jpeg = await sidewaysJpegWithGps();
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await proxy?.close();
  });

  it('keeps an avatar processing while the worker cannot reach S3, serving only a sanitised original', async () => {
    proxy.cut();
    const { status, body } = await uploadAvatar(api.rookery.url, user.token, {
      bytes: jpeg,
      fileName: 'me.jpg',
    });
    expect(status).toBe(201);
    await new Promise((r) => setTimeout(r, 700)); // the worker has tried and failed by now

    const metadata = await (
      await fetch(`${api.rookery.url}/api/v1/avatars/${body.id}/metadata`, {
        headers: { Authorization: `Bearer ${user.token}` },
      })
    ).json();
    expect(metadata).toMatchObject({ status: 'processing', thumbnails: [] });

    const original = await fetch(`${api.rookery.url}/api/v1/avatars/${body.id}`);
    expect(original.status).toBe(200);
    expect(original.headers.get('cache-control')).toBe('public, no-cache');
    const served = await sharp(Buffer.from(await original.arrayBuffer())).metadata();
    expect([served.width, served.height, served.exif]).toEqual([200, 400, undefined]);

    const thumbnail = await fetch(`${api.rookery.url}/api/v1/avatars/${body.id}?size=100x100`);
    expect(thumbnail.status).toBe(404);
    expect(thumbnail.headers.get('retry-after')).toBe('2');
    expect(await thumbnail.json()).toMatchObject({ code: 'avatar.rendition_not_ready', status: 404 });
  });

  it('finishes the avatar once S3 is back, by retrying the delivery', async () => {
    proxy.restore();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      proxy.cut();
      ids.push(
        (await uploadAvatar(api.rookery.url, user.token, { bytes: jpeg, fileName: `${i}.jpg` })).body
          .id as string,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    proxy.restore();
    for (const id of ids)
      expect(await untilProcessed(api.rookery.url, user.token, id)).toMatchObject({ status: 'ready' });
    const metrics = await (await fetch(`${worker.rookery.url}/metrics`)).text();
    expect(metrics).toMatch(/events_retried_total\{[^}]*consumer="avatar-processing"[^}]*\} [1-9]/);
    expect(metrics).not.toMatch(/events_dead_lettered_total\{[^}]*consumer="avatar-processing"/);
  });

  it('answers uploads with 503 at once while S3 is down and reports storage down', async () => {
    await api.s3!.close(); // the api reaches s3rver directly: stop the server itself
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await uploadAvatar(api.rookery.url, user.token, { bytes: jpeg })).status);
    expect(statuses).toEqual([503, 503, 503, 503, 503, 503]);

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => uploadAvatar(api.rookery.url, user.token, { bytes: jpeg })),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'storage.unavailable', status: 503 });
      expect(answer.headers.get('retry-after')).toBe('5');
    }
    // Everything but avatars still works: the API stays in rotation, reported degraded.
    const ready = await fetch(`${api.rookery.url}/ready`);
    expect(ready.status).toBe(200);
    const { status, components } = (await ready.json()) as {
      status: string;
      components: Record<string, { status: string; required: boolean }>;
    };
    expect(status).toBe('degraded');
    expect(components.storage).toMatchObject({ status: 'down', required: false });
    const metrics = await (await fetch(`${api.rookery.url}/metrics`)).text();
    expect(metrics).toMatch(/avatar_uploads_total\{[^}]*outcome="unavailable"[^}]*\} 26/);
  });
});
