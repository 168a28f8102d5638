import type { IdGenerator } from '#application/shared/id-generator.ts';

/** Predictable, valid, ordered UUIDs: 00000000-0000-7000-8000-000000000001, …02, … */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  next(): string {
    this.counter++;
    return `00000000-0000-7000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
