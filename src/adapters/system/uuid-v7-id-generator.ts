import { v7 } from 'uuid';
import type { IdGenerator } from '#application/shared/id-generator.ts';

/** RFC 9562 UUIDv7: millisecond timestamp first, so ids sort by creation time. */
export class UuidV7IdGenerator implements IdGenerator {
  next(): string {
    return v7();
  }
}
