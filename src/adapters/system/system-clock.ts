import type { Clock } from '#application/shared/clock.ts';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
