import type { Client } from 'minio';
import type { HealthProbe } from '#application/operations/health-probe.ts';

export class S3HealthProbe implements HealthProbe {
  readonly name = 'storage';
  readonly required = true;
  private readonly client: Client;
  private readonly bucket: string;

  constructor(client: Client, bucket: string) {
    this.client = client;
    this.bucket = bucket;
  }

  async check(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket)))
      throw new Error(`bucket ${this.bucket} does not exist`);
  }
}
