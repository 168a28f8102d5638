import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  /** `http://127.0.0.1:<port>`: what S3_ENDPOINT is set to. */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** S3_* variables for a Rookery configuration using this server. */
  env(bucket: string): Record<string, string>;
  close(): Promise<void>;
}

/** A real S3-protocol server (s3rver) on a free port, storing in a temporary folder. */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver's fixed development credentials.
  const accessKey = 'S3RVER';
  const secretKey = 'S3RVER';
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    accessKey,
    secretKey,
    env: (bucket) => ({
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY: accessKey,
      S3_SECRET_KEY: secretKey,
    }),
    close() {
      closed ??= (async () => {
        await server.close();
        await rm(directory, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
