import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { BlobStore } from '#application/avatars/blob-store.ts';

export interface BlobStoreHarness {
  store: BlobStore;
  close(): Promise<void>;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data ? new TextDecoder().decode(data) : null);

/** What every BlobStore must do, whatever keeps the bytes. */
export function blobStoreContract(adapter: string, open: () => Promise<BlobStoreHarness>): void {
  describe(`BlobStore contract: ${adapter}`, () => {
    let h: BlobStoreHarness;
    // Each case works under its own prefix, so cases never see each other's objects.
    const prefix = () => `avatars/${randomUUID()}/`;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });

    it('gives back exactly the bytes it stored, every byte value included', async () => {
      const key = `${prefix()}original.png`;
      const all = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
      await h.store.put(key, all, 'image/png');
      expect(Buffer.from((await h.store.get(key))!)).toEqual(Buffer.from(all));
    });

    it('answers null for a key that holds nothing', async () => {
      expect(await h.store.get(`${prefix()}nothing-here`)).toBeNull();
    });

    it('replaces an object written again under the same key', async () => {
      const key = `${prefix()}100x100.jpg`;
      await h.store.put(key, bytes('first'), 'image/jpeg');
      await h.store.put(key, bytes('second'), 'image/jpeg');
      expect(text(await h.store.get(key))).toBe('second');
    });

    it('keeps a 10 MiB object intact', async () => {
      const key = `${prefix()}upload`;
      const big = Uint8Array.from({ length: 10 * 1024 * 1024 }, (_, i) => (i * 31) % 251);
      await h.store.put(key, big, 'image/jpeg');
      const back = await h.store.get(key);
      expect(back?.length).toBe(big.length);
      expect(Buffer.from(back!).equals(Buffer.from(big))).toBe(true);
    });

    it('removes every object under a prefix, and only those', async () => {
      const base = prefix();
      const gone = [`${base}a1/upload`, `${base}a1/original.jpg`, `${base}a1/100x100.webp`];
      const kept = [`${base}a10/upload`, `${base}a2/upload`];
      for (const key of [...gone, ...kept]) await h.store.put(key, bytes(key), 'application/octet-stream');

      expect(await h.store.deletePrefix(`${base}a1/`)).toBe(3);

      for (const key of gone) expect(await h.store.get(key)).toBeNull();
      for (const key of kept) expect(text(await h.store.get(key))).toBe(key);
    });

    it('removes nothing, without failing, when a prefix holds nothing (a redelivered purge)', async () => {
      const base = prefix();
      await h.store.put(`${base}upload`, bytes('x'), 'image/jpeg');
      expect(await h.store.deletePrefix(base)).toBe(1);
      expect(await h.store.deletePrefix(base)).toBe(0);
    });

    it('stores objects written concurrently under different keys', async () => {
      const base = prefix();
      const keys = Array.from({ length: 20 }, (_, i) => `${base}${i}/upload`);
      await Promise.all(keys.map((key) => h.store.put(key, bytes(key), 'image/jpeg')));
      const back = await Promise.all(keys.map((key) => h.store.get(key)));
      expect(back.map(text)).toEqual(keys);
    });
  });
}
