import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { API_CLIENT_FOLDER, generateApiClient } from '../../../scripts/generate-api-client.ts';
import { smallPng } from '../../support/avatars/image-corpus.ts';
import { until } from '../../support/event-backbone.ts';
import { createClient } from '../../support/generated/rookery-client/client/index.ts';
import * as api from '../../support/generated/rookery-client/index.ts';
import { testConfig } from '../../support/test-config.ts';

/** Every file under a folder, by relative path. */
async function filesOf(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)));
  return new Map(
    await Promise.all(files.map(async (f) => [f, await readFile(path.join(folder, f), 'utf8')] as const)),
  );
}

describe('a client generated from the OpenAPI document drives the whole API', () => {
  let rookery: RunningRookery;
  let dataDir: string;
  let anonymous: ReturnType<typeof createClient>;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-client-'));
    rookery = await startRookery(['api', 'worker'], {
      config: testConfig({
        DATA_DIR: dataDir,
        MIGRATE_ON_START: 'true',
        BUS_POLL_INTERVAL_MS: '50',
        // The committed client was generated against this server URL.
        PUBLIC_URL: 'https://rookery.test',
      }),
    });
    anonymous = createClient({ baseUrl: rookery.url });
  }, 60_000);
  afterAll(async () => {
    await rookery?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is exactly what the served document generates today (no drift)', async () => {
    const folder = path.join(dataDir, 'generated');
    const document = path.join(dataDir, 'openapi.json');
    await writeFile(document, await (await fetch(`${rookery.url}/api/docs/openapi.json`)).text());
    await generateApiClient(document, folder);
    const [fresh, committed] = await Promise.all([filesOf(folder), filesOf(API_CLIENT_FOLDER)]);
    expect([...fresh.keys()].sort()).toEqual([...committed.keys()].sort());
    const changed = [...fresh].filter(([file, text]) => committed.get(file) !== text).map(([file]) => file);
    // Run `npm run generate:api-client -- <document>` after changing a route's contract.
    expect(changed).toEqual([]);
  }, 60_000);

  it('registers, posts, follows, reads the feed, likes, uploads an avatar and manages tasks', async () => {
    const id = Date.now().toString(36);
    const signUp = async (name: string) => {
      const { data, response } = await api.registerAccount({
        client: anonymous,
        body: { email: `${name}_${id}@example.com`, password: 'correct horse', handle: `${name}_${id}` },
      });
      expect(response?.status).toBe(201);
      return {
        user: data!.user,
        as: createClient({
          baseUrl: rookery.url,
          headers: { Authorization: `Bearer ${data!.access_token}` },
        }),
      };
    };
    const ada = await signUp('ada');
    const bob = await signUp('bob');

    const posted = await api.createPost({ client: ada.as, body: { text: 'Hello from a generated client' } });
    expect(posted.response?.status).toBe(201);
    const postId = posted.data!.id;
    expect((await api.followUser({ client: bob.as, path: { id: ada.user.id } })).response?.status).toBe(204);

    const feed = await until(
      async () => (await api.getHomeFeed({ client: bob.as, query: { limit: 10 } })).data,
      (page) => (page?.items ?? []).some((item) => item.post.id === postId),
    );
    expect(feed?.items.map((item) => item.post.id)).toContain(postId);
    expect((await api.likePost({ client: bob.as, path: { id: postId } })).response?.status).toBe(204);
    const liked = await api.getPost({ client: bob.as, path: { id: postId } });
    expect(liked.data).toMatchObject({ id: postId, like_count: 1, liked_by_me: true });

    const upload = await api.uploadAvatar({
      client: ada.as,
      body: { file: new Blob([new Uint8Array(await smallPng())], { type: 'image/png' }) },
    });
    expect(upload.response?.status).toBe(201);
    const avatars = await api.listUserAvatars({ client: bob.as, path: { user_id: ada.user.id } });
    expect(avatars.data?.items.map((a) => a.id)).toContain(upload.data!.id);

    const task = await api.createTask({ client: ada.as, body: { title: 'Write the integration guide' } });
    expect(task.response?.status).toBe(201);
    const done = await api.updateTask({ client: ada.as, path: { id: task.data!.id }, body: { done: true } });
    expect(done.data).toMatchObject({ title: 'Write the integration guide', done: true });
    const tasks = await api.listTasks({ client: ada.as });
    expect(tasks.data?.items.map((t) => t.id)).toEqual([task.data!.id]);
    expect((await api.deleteTask({ client: ada.as, path: { id: task.data!.id } })).response?.status).toBe(
      204,
    );

    const refused = await api.createPost({ client: ada.as, body: { text: '' } });
    expect(refused.response?.status).toBe(400);
    expect(refused.error).toMatchObject({ code: expect.stringMatching(/^post\./) });
  }, 60_000);
});
