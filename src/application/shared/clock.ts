import { token } from './token.ts';

/** The current time, injected so that use cases and their tests agree on "now". */
export interface Clock {
  now(): Date;
}
export const Clock = token<Clock>('Clock');
