import type { Client } from 'minio';
import type { BlobStore } from '#application/avatars/blob-store.ts';

/** Objects in one S3 bucket (MinIO, AWS, s3rver) through the minio client. */
export class S3BlobStore implements BlobStore {
  private readonly client: Client;
  private readonly bucket: string;

  constructor(client: Client, bucket: string) {
    this.client = client;
    this.bucket = bucket;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': contentType });
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const stream = await this.client.getObject(this.bucket, key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys: string[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (typeof item.name === 'string') keys.push(item.name);
    }
    // One by one: a handful of objects per avatar, and every S3 implementation supports it.
    for (const key of keys) await this.client.removeObject(this.bucket, key);
    return keys.length;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound';
}
