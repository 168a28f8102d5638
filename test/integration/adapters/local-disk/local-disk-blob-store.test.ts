import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskBlobStore } from '#adapters/local-disk/local-disk-blob-store.ts';
import { blobStoreContract } from '../../../contracts/blob-store.contract.ts';

blobStoreContract('LocalDiskBlobStore', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-blobs-'));
  return {
    store: new LocalDiskBlobStore(directory),
    close: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('LocalDiskBlobStore on disk', () => {
  it('refuses keys that would leave its folder or hide files', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-blobs-'));
    const store = new LocalDiskBlobStore(directory);
    try {
      for (const key of ['../escape', 'avatars/../../escape', '/etc/passwd', 'avatars/.hidden', 'a//b', ''])
        await expect(store.put(key, new Uint8Array([1]), 'image/jpeg')).rejects.toThrow(/invalid blob key/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('leaves no empty folders or temporary files behind after a purge', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-blobs-'));
    const store = new LocalDiskBlobStore(directory);
    try {
      await store.put('avatars/u1/a1/upload', new Uint8Array([1]), 'image/jpeg');
      await store.put('avatars/u1/a1/100x100.jpg', new Uint8Array([2]), 'image/jpeg');
      await store.deletePrefix('avatars/u1/a1/');
      expect((await readdir(directory)).sort()).toEqual(['.incoming']);
      expect(await readdir(path.join(directory, '.incoming'))).toEqual([]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
