import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { BlobStore } from '#application/avatars/blob-store.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { AvatarUploadedPayload } from '#domain/avatars/avatar.entity.ts';
import { domainEvent } from '#domain/shared/domain-event.ts';
import {
  badFileCorpus,
  isBluish,
  isReddish,
  jpegOfSize,
  pixel,
  sidewaysJpegWithGps,
  smallPng,
} from '../../support/avatars/image-corpus.ts';
import {
  avatarModes,
  bootAvatarWorld,
  untilProcessed,
  uploadAvatar,
  type AvatarWorld,
} from '../../support/avatars/avatar-api.ts';
import { until } from '../../support/event-backbone.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const [modeName, mode] of avatarModes) {
  describe(`avatars over HTTP, ${modeName}`, () => {
    let world: AvatarWorld;
    let base: string;
    let ada: { id: string; token: string };
    let bob: { id: string; token: string };
    let sideways: Buffer;
    beforeAll(async () => {
      world = await bootAvatarWorld(mode);
      base = world.rookery.url;
      [ada, bob] = [await world.signUp(), await world.signUp()];
      sideways = await sidewaysJpegWithGps();
    }, 60_000);
    afterAll(async () => {
      await world?.stop();
    });

    const get = (route: string, token?: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${route}`, {
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      });
    type Page = { items: { id: string; [field: string]: unknown }[]; next_cursor: string | null };
    const json = async (route: string, token: string) => (await (await get(route, token)).json()) as Page;
    const image = async (route: string) => {
      const response = await get(route);
      expect(response.status).toBe(200);
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
    };

    it('accepts an upload with 201 and the contract body, then the worker makes it ready', async () => {
      const upload = await uploadAvatar(base, ada.token, {
        bytes: sideways,
        fileName: 'holiday.jpg',
        contentType: 'image/jpeg',
      });

      expect(upload.status).toBe(201);
      expect(upload.body).toEqual({
        id: expect.stringMatching(UUID),
        user_id: ada.id,
        url: `${world.rookery.config.http.publicUrl}/api/v1/avatars/${upload.body.id}`,
        status: 'processing',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(upload.headers.get('location')).toBe(upload.body.url);

      const metadata = await untilProcessed(base, ada.token, upload.body.id as string);
      expect(metadata).toEqual({
        id: upload.body.id,
        user_id: ada.id,
        status: 'ready',
        failure_reason: null,
        file_name: 'holiday.jpg',
        mime_type: 'image/jpeg',
        size: sideways.length,
        dimensions: { width: 200, height: 400 },
        url: upload.body.url,
        thumbnails: [
          {
            size: '100x100',
            width: 100,
            height: 100,
            mime_type: 'image/jpeg',
            url: `${upload.body.url}?size=100x100`,
          },
          {
            size: '300x300',
            width: 300,
            height: 300,
            mime_type: 'image/jpeg',
            url: `${upload.body.url}?size=300x300`,
          },
        ],
        created_at: upload.body.created_at,
        updated_at: expect.any(String),
      });
    });

    it('serves every rendition rotated upright, at its size, with no EXIF or GPS left', async () => {
      const { body } = await uploadAvatar(base, ada.token, { bytes: sideways, fileName: 'gps.jpg' });
      await untilProcessed(base, ada.token, body.id as string);
      for (const [size, width, height] of [
        ['original', 200, 400],
        ['100x100', 100, 100],
        ['300x300', 300, 300],
      ] as const) {
        const { response, bytes } = await image(`/api/v1/avatars/${body.id}?size=${size}`);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        const metadata = await sharp(bytes).metadata();
        expect([metadata.width, metadata.height]).toEqual([width, height]);
        expect([metadata.exif, metadata.xmp, metadata.iptc, metadata.orientation]).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
        expect(Buffer.from(bytes).includes(Buffer.from('GPS'))).toBe(false);
        // Stored sideways (red left); displayed upright: red on top, blue at the bottom.
        expect(isReddish(await pixel(bytes, width - 5, 5))).toBe(true);
        expect(isBluish(await pixel(bytes, 5, height - 5))).toBe(true);
      }
    });

    it('caches images with a strong ETag for a day and answers 304 when it still matches', async () => {
      const { body } = await uploadAvatar(base, ada.token, { bytes: await smallPng(), fileName: 'p.png' });
      await untilProcessed(base, ada.token, body.id as string);
      const route = `/api/v1/avatars/${body.id}?size=100x100`;
      const { response } = await image(route);
      const etag = response.headers.get('etag')!;

      expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=86400, immutable');
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

      const again = await get(route, undefined, { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect((await get(route, undefined, { 'If-None-Match': '"something-else"' })).status).toBe(200);
      expect(
        (await get(`/api/v1/avatars/${body.id}?size=300x300`, undefined, { 'If-None-Match': etag })).status,
      ).toBe(200);
    });

    it('converts to another format on first request and serves the stored conversion afterwards', async () => {
      const { body } = await uploadAvatar(base, ada.token, { bytes: await smallPng(), fileName: 'c.png' });
      await untilProcessed(base, ada.token, body.id as string);
      const route = `/api/v1/avatars/${body.id}?size=300x300&format=webp`;

      const first = await image(route);
      const second = await image(route);

      expect(first.response.headers.get('content-type')).toBe('image/webp');
      expect(await sharp(first.bytes).metadata()).toMatchObject({ format: 'webp', width: 300, height: 300 });
      expect(second.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
      const stored = await world.rookery.container
        .get<BlobStore>(BlobStore)
        .get(`avatars/${ada.id}/${body.id}/300x300.webp`);
      expect(Buffer.from(stored!).equals(Buffer.from(first.bytes))).toBe(true);
    });

    it('answers 400 for an unknown size or format and 404 for an unknown avatar', async () => {
      const { body } = await uploadAvatar(base, ada.token, { bytes: await smallPng(), fileName: 'x.png' });
      for (const query of ['size=50x50', 'format=gif']) {
        const response = await get(`/api/v1/avatars/${body.id}?${query}`);
        expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([
          400,
          'request.invalid',
        ]);
      }
      const unknown = await get('/api/v1/avatars/0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('serves the user’s current avatar: the newest ready one, then the previous one after a delete', async () => {
      const carol = await world.signUp();
      expect((await get(`/api/v1/users/${carol.id}/avatar`)).status).toBe(404);
      const first = (
        await uploadAvatar(base, carol.token, { bytes: await smallPng(120, 80), fileName: 'a.png' })
      ).body;
      await untilProcessed(base, carol.token, first.id as string);
      const second = (await uploadAvatar(base, carol.token, { bytes: sideways, fileName: 'b.jpg' })).body;
      await untilProcessed(base, carol.token, second.id as string);

      const current = await image(`/api/v1/users/${carol.id}/avatar?size=300x300`);
      expect(current.response.headers.get('content-location')).toBe(`${second.url}?size=300x300&format=jpeg`);
      expect(current.response.headers.get('cache-control')).toBe('public, max-age=60');

      const removed = await fetch(`${base}/api/v1/users/${carol.id}/avatar`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${carol.token}` },
      });
      expect(removed.status).toBe(204);
      const now = await image(`/api/v1/users/${carol.id}/avatar`);
      expect(now.response.headers.get('content-location')).toBe(`${first.url}?size=original&format=png`);
    });

    it('keeps showing the newer upload when an older one finishes processing after it', async () => {
      const dora = await world.signUp();
      const older = (
        await uploadAvatar(base, dora.token, { bytes: await smallPng(64, 64), fileName: 'o.png' })
      ).body;
      await untilProcessed(base, dora.token, older.id as string);
      const newer = (await uploadAvatar(base, dora.token, { bytes: sideways, fileName: 'n.jpg' })).body;
      await untilProcessed(base, dora.token, newer.id as string);
      // The older upload's processing was slow (or retried): it is still processing when the
      // newer one is shown, and its avatar.uploaded reaches the worker again only now.
      const sql = (query: string, params: unknown[]) =>
        world.rookery.infra.orm.em.fork().execute<Record<string, string>[]>(query, params);
      const [row] = await sql(
        "update avatars set status = 'processing' where id = ? returning storage_key, mime_type",
        [older.id],
      );
      const uow = world.rookery.container.get<UnitOfWork>(UnitOfWork);
      await uow.transaction(() =>
        world.rookery.container.get<EventPublisher>(EventPublisher).publish([
          domainEvent<'avatar.uploaded', AvatarUploadedPayload>(
            'avatar.uploaded',
            {
              avatar_id: older.id as string,
              user_id: dora.id,
              storage_key: row!.storage_key!,
              mime_type: row!.mime_type!,
            },
            new Date(),
          ),
        ]),
      );
      expect((await untilProcessed(base, dora.token, older.id as string)).status).toBe('ready');
      const me = (await (await get('/api/v1/me', dora.token)).json()) as { avatar_url: string };
      expect(me.avatar_url).toBe(newer.url);
      const current = await image(`/api/v1/users/${dora.id}/avatar`);
      expect(current.response.headers.get('content-location')).toBe(`${newer.url}?size=original&format=jpeg`);
    });

    it("pins the avatar chosen with PATCH /me avatar_id, and refuses others' or unknown ones", async () => {
      const erin = await world.signUp();
      const patch = (avatarId: string, token = erin.token) =>
        fetch(`${base}/api/v1/me`, {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ avatar_id: avatarId, display_name: 'Erin Pinned' }),
        });
      const older = (
        await uploadAvatar(base, erin.token, { bytes: await smallPng(90, 90), fileName: 'old.png' })
      ).body;
      await untilProcessed(base, erin.token, older.id as string);
      const newer = (await uploadAvatar(base, erin.token, { bytes: sideways, fileName: 'new.jpg' })).body;
      await untilProcessed(base, erin.token, newer.id as string);

      const pinned = await patch(older.id as string);
      expect(pinned.status).toBe(200);
      expect(await pinned.json()).toMatchObject({ display_name: 'Erin Pinned', avatar_url: older.url });
      const current = await image(`/api/v1/users/${erin.id}/avatar`);
      expect(current.response.headers.get('content-location')).toBe(`${older.url}?size=original&format=png`);

      // A newer upload does not replace a pinned choice.
      const newest = (
        await uploadAvatar(base, erin.token, { bytes: await smallPng(70, 70), fileName: 'n.png' })
      ).body;
      await untilProcessed(base, erin.token, newest.id as string);
      expect(
        ((await (await get('/api/v1/me', erin.token)).json()) as { avatar_url: string }).avatar_url,
      ).toBe(older.url);

      const notMine = await patch(newer.id as string, bob.token);
      expect(notMine.status).toBe(403);
      expect(((await notMine.json()) as { code: string }).code).toBe('avatar.not_owner');
      expect(
        ((await (await get('/api/v1/me', bob.token)).json()) as { display_name: string }).display_name,
      ).not.toBe('Erin Pinned'); // all or nothing
      expect((await patch('0193f5c2-7a1e-7000-8000-00000000dead')).status).toBe(404);
    });

    it('lists a user’s avatars newest first, page by page, for any signed-in user', async () => {
      const dave = await world.signUp();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.unshift(
          (await uploadAvatar(base, dave.token, { bytes: await smallPng(), fileName: `${i}.png` })).body
            .id as string,
        );

      const first = await json(`/api/v1/users/${dave.id}/avatars?limit=2`, bob.token);
      const second = await json(
        `/api/v1/users/${dave.id}/avatars?limit=2&cursor=${first.next_cursor}`,
        bob.token,
      );

      expect(first.items.map((a) => a.id)).toEqual(ids.slice(0, 2));
      expect(first.items[0]).toMatchObject({ user_id: dave.id, file_name: '2.png', mime_type: 'image/png' });
      expect(second.items.map((a) => a.id)).toEqual(ids.slice(2));
      expect(second.next_cursor).toBeNull();
      expect((await get(`/api/v1/users/${dave.id}/avatars`)).status).toBe(401);
      expect(
        (await get(`/api/v1/users/0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55/avatars`, bob.token)).status,
      ).toBe(404);
      expect((await get(`/api/v1/users/${dave.id}/avatars?cursor=bogus`, bob.token)).status).toBe(400);
    });

    it('deletes at once everywhere, refuses others with 403, and then removes the files', async () => {
      const { body } = await uploadAvatar(base, ada.token, { bytes: sideways, fileName: 'bye.jpg' });
      const id = body.id as string;
      await untilProcessed(base, ada.token, id);
      await image(`/api/v1/avatars/${id}?format=webp`); // a cached conversion must go too
      const del = (token: string, headers: Record<string, string> = {}) =>
        fetch(`${base}/api/v1/avatars/${id}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${token}`, ...headers },
        });

      const forbidden = await del(bob.token);
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await forbidden.json()).toMatchObject({ status: 403, code: 'avatar.not_owner' });
      const mismatch = await del(ada.token, { 'X-User-ID': bob.id });
      expect([mismatch.status, ((await mismatch.json()) as { code: string }).code]).toEqual([
        403,
        'auth.user_mismatch',
      ]);
      expect((await del(ada.token, { 'X-User-ID': ada.id })).status).toBe(204);

      for (const route of [
        `/api/v1/avatars/${id}`,
        `/api/v1/avatars/${id}?size=100x100`,
        `/api/v1/avatars/${id}/metadata`,
      ])
        expect((await get(route, ada.token)).status).toBe(404);
      const listed = await json(`/api/v1/users/${ada.id}/avatars?limit=100`, ada.token);
      expect(listed.items.map((a) => a.id)).not.toContain(id);
      expect((await del(ada.token)).status).toBe(404);

      const left = await until(
        async () => (await world.storedKeys()).filter((k) => k.includes(id)),
        (keys) => keys.length === 0,
      );
      expect(left).toEqual([]);
    });

    it('answers every file of the hostile corpus with its precise 4xx, and stores nothing', async () => {
      const storedBefore = (await world.storedKeys()).length;
      const count = async () =>
        Number(
          (
            await world.rookery.infra.orm.em
              .fork()
              .execute<{ n: string }[]>('select count(*) as n from avatars')
          )[0]!.n,
        );
      const rowsBefore = await count();
      for (const bad of await badFileCorpus()) {
        const answer = await uploadAvatar(base, ada.token, bad);
        expect({ file: bad.name, status: answer.status, code: answer.body.code }).toEqual({
          file: bad.name,
          status: bad.status,
          code: bad.code,
        });
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        if (bad.status === 413) expect(answer.body.max_size).toBe(10_485_760);
        else expect(answer.body.supported_formats).toEqual(['image/jpeg', 'image/png', 'image/webp']);
      }
      expect((await world.storedKeys()).length).toBe(storedBefore);
      expect(await count()).toBe(rowsBefore);
    });

    it('replays an upload retried with the same Idempotency-Key, and refuses the key with another file', async () => {
      const erin = await world.signUp();
      const key = { 'Idempotency-Key': `upload-${erin.id}` };
      const png = await smallPng();
      const first = await uploadAvatar(base, erin.token, { bytes: png, fileName: 'a.png' }, key);
      const retry = await uploadAvatar(base, erin.token, { bytes: png, fileName: 'a.png' }, key);
      const other = await uploadAvatar(
        base,
        erin.token,
        { bytes: await smallPng(90, 90), fileName: 'a.png' },
        key,
      );

      expect(first.status).toBe(201);
      expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body]).toEqual([
        201,
        'true',
        first.body,
      ]);
      expect([other.status, other.body.code]).toEqual([422, 'idempotency.key_reused']);
      const listed = await json(`/api/v1/users/${erin.id}/avatars`, erin.token);
      expect(listed.items.map((a) => a.id)).toEqual([first.body.id]);
    });

    it('accepts an image of exactly 10 MiB and refuses one a byte larger, with max_size', async () => {
      const limit = 10 * 1024 * 1024;
      const accepted = await uploadAvatar(base, ada.token, {
        bytes: await jpegOfSize(limit),
        fileName: 'max.jpg',
      });
      expect(accepted.status).toBe(201);
      expect(await untilProcessed(base, ada.token, accepted.body.id as string)).toMatchObject({
        status: 'ready',
        size: limit,
      });
      const refused = await uploadAvatar(base, ada.token, {
        bytes: await jpegOfSize(limit + 1),
        fileName: 'over.jpg',
      });
      expect([refused.status, refused.body.code, refused.body.max_size]).toEqual([
        413,
        'avatar.too_large',
        limit,
      ]);
    });

    it('refuses a request that is not a multipart upload of one file named "file"', async () => {
      const send = (body: string | FormData, headers: Record<string, string> = {}) =>
        fetch(`${base}/api/v1/avatars`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${ada.token}`, ...headers },
          body,
        });
      const code = async (response: Response) => [
        response.status,
        ((await response.json()) as { code: string }).code,
      ];
      const png = await smallPng();
      const wrongName = new FormData();
      wrongName.append('image', new Blob([png]), 'a.png');
      const two = new FormData();
      two.append('file', new Blob([png]), 'a.png');
      two.append('file', new Blob([png]), 'b.png');

      expect(
        await code(await send(JSON.stringify({ file: 'x' }), { 'Content-Type': 'application/json' })),
      ).toEqual([415, 'avatar.multipart_required']);
      expect(await code(await send(wrongName))).toEqual([400, 'avatar.file_missing']);
      expect(await code(await send(two))).toEqual([400, 'avatar.too_many_files']);
      expect((await uploadAvatar(base, 'not-a-token', { bytes: png })).status).toBe(401);
    });

    it('exposes the avatar metrics and reports storage in /ready', async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/avatar_uploads_total\{[^}]*outcome="accepted"[^}]*\} \d+/);
      expect(text).toMatch(/avatar_uploads_total\{[^}]*outcome="too_large"[^}]*\} 2/);
      expect(text).toMatch(/avatar_uploads_total\{[^}]*outcome="rejected"[^}]*\} \d+/);
      expect(text).toMatch(/avatar_upload_duration_seconds_count\{[^}]*outcome="accepted"[^}]*\} \d+/);
      expect(text).toMatch(/avatar_processing_duration_seconds_count\{[^}]*outcome="ready"[^}]*\} \d+/);
      expect(text).toMatch(/avatar_thumbnails_generated_total\{[^}]*\} [1-9]\d*/);
      expect(text).toMatch(/avatar_conversions_total\{[^}]*cache="hit"[^}]*\} [1-9]/);
      expect(text).toMatch(/avatar_storage_bytes\{[^}]*\} [1-9]\d*/);
      const ready = (await (await fetch(`${base}/ready`)).json()) as {
        components: Record<string, { status: string }>;
      };
      expect(ready.components.storage).toMatchObject({ status: 'up' });
    });

    it('documents every avatar route in the OpenAPI description', async () => {
      const document = (await (await fetch(`${base}/api/docs/openapi.json`)).json()) as {
        paths: Record<string, object>;
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/avatars',
          '/api/v1/avatars/{id}',
          '/api/v1/avatars/{id}/metadata',
          '/api/v1/users/{user_id}/avatar',
          '/api/v1/users/{user_id}/avatars',
        ]),
      );
    });
  });
}
