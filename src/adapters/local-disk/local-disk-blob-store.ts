import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '#application/avatars/blob-store.ts';

/** Keys are `/`-separated segments of safe characters; none starts with a dot (no `..`, no hidden files). */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/**
 * Objects as files under one folder (the embedded mode's storage). A write goes to a
 * temporary file first and is renamed into place, so a reader never sees half an object
 * and a crash mid-write leaves only a stray file in `.incoming/`.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  /** The content type is not kept: keys carry the format (`100x100.webp`), and `upload` is only read by the worker. */
  async put(key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    const target = this.pathOf(key);
    const incoming = path.join(this.directory, '.incoming');
    await Promise.all([
      mkdir(path.dirname(target), { recursive: true }),
      mkdir(incoming, { recursive: true }),
    ]);
    const temporary = path.join(incoming, randomUUID());
    await writeFile(temporary, bytes, { flush: true });
    await rename(temporary, target);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (folder && !KEY.test(folder)) throw new Error(`invalid blob key prefix: ${prefix}`);
    const root = path.join(this.directory, folder);
    const keys = (await this.keysUnder(root)).filter((key) => key.startsWith(prefix));
    await Promise.all(keys.map((key) => rm(this.pathOf(key), { force: true })));
    if (folder) await this.removeEmptyFolders(root);
    return keys.length;
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid blob key: ${key}`);
    return path.join(this.directory, key);
  }

  private async keysUnder(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(this.directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      )
      .filter((key) => KEY.test(key));
  }

  /** Removes the prefix's folder and its now empty parents, up to the store's root. */
  private async removeEmptyFolders(folder: string): Promise<void> {
    for (
      let current = folder;
      current.startsWith(this.directory + path.sep);
      current = path.dirname(current)
    ) {
      const removed = await rmdir(current).then(
        () => true,
        () => false, // not empty (or already gone): stop climbing
      );
      if (!removed) return;
    }
  }
}
