import { token } from './token.ts';

/** New identities: time-ordered UUIDs (v7), so ids sort by creation and index well. */
export interface IdGenerator {
  next(): string;
}
export const IdGenerator = token<IdGenerator>('IdGenerator');
