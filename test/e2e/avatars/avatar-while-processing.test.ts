import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { sidewaysJpegWithGps } from '../../support/avatars/image-corpus.ts';
import { bootAvatarWorld, uploadAvatar, type AvatarWorld } from '../../support/avatars/avatar-api.ts';

/** Embedded mode with no worker running: every avatar stays `processing`. */
describe('an avatar still processing (embedded api, no worker)', () => {
  let world: AvatarWorld;
  let id: string;
  beforeAll(async () => {
    world = await bootAvatarWorld('embedded', { roles: ['api'] });
    const user = await world.signUp();
    const upload = await uploadAvatar(world.rookery.url, user.token, { bytes: await sidewaysJpegWithGps() });
    id = upload.body.id as string;
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('serves its original rotated and stripped of metadata, to be revalidated', async () => {
    const response = await fetch(`${world.rookery.url}/api/v1/avatars/${id}?format=png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    const etag = response.headers.get('etag')!;
    const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual([
      'png',
      200,
      400,
      undefined,
    ]);
    const again = await fetch(`${world.rookery.url}/api/v1/avatars/${id}?format=png`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 "not ready yet" with Retry-After for its thumbnails', async () => {
    for (const size of ['100x100', '300x300']) {
      const response = await fetch(`${world.rookery.url}/api/v1/avatars/${id}?size=${size}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({
        code: 'avatar.rendition_not_ready',
        avatar_status: 'processing',
      });
    }
  });

  it('stores the sanitised original it made, so later requests do not decode the upload again', async () => {
    expect((await world.storedKeys()).sort()).toEqual([
      expect.stringMatching(new RegExp(`${id}/original\\.png$`)),
      expect.stringMatching(new RegExp(`${id}/upload$`)),
    ]);
  });
});
