import http from 'node:http';
import https from 'node:https';
import { Client } from 'minio';

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** A request with no traffic for this long is abandoned (its socket destroyed). */
  timeoutMs?: number;
}

type Transport = Pick<typeof http, 'request'>;

/**
 * http(s).request with an idle timeout: the minio client sets none, so a hung S3 would keep
 * each request (and its socket) open until the OS gives up. Idle, not total, so a large
 * upload that keeps moving is never cut.
 */
function withIdleTimeout(base: typeof http | typeof https, timeoutMs: number): Transport {
  return {
    request: ((options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => {
      const request = base.request({ ...options, timeout: timeoutMs }, callback);
      request.on('timeout', () => request.destroy(new Error(`S3 request idle for ${timeoutMs} ms`)));
      return request;
    }) as typeof http.request,
  };
}

/** A path-style client (MinIO, s3rver and AWS all accept it); creates the bucket when missing. */
export async function openS3(settings: S3Settings): Promise<Client> {
  const url = new URL(settings.endpoint);
  const secure = url.protocol === 'https:';
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    useSSL: secure,
    region: settings.region,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    pathStyle: true,
    transport: withIdleTimeout(secure ? https : http, settings.timeoutMs ?? 30_000),
    // Callers decide about retries (the worker's redelivery, the client after a 503); the
    // client's own retries would only hold requests longer behind a failing store, and it
    // reports them on the console rather than in the JSON log.
    retryOptions: { disableRetry: true },
  });
  if (!(await client.bucketExists(settings.bucket)))
    await client.makeBucket(settings.bucket, settings.region);
  return client;
}
