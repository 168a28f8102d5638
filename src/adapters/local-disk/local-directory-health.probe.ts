import { access, constants, mkdir } from 'node:fs/promises';
import type { HealthProbe } from '#application/operations/health-probe.ts';

/** A local folder the embedded adapters write to (blobs, mail); ready when it is writable. */
export class LocalDirectoryHealthProbe implements HealthProbe {
  readonly name: string;
  readonly required = true;
  private readonly directory: string;

  constructor(name: string, directory: string) {
    this.name = name;
    this.directory = directory;
  }

  async check(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await access(this.directory, constants.W_OK);
  }
}
