import { token } from '../shared/token.ts';

/** A delivery that gave up: kept with its error until an operator replays or purges it. */
export interface DeadLetter {
  consumer: string;
  eventId: string | null;
  type: string | null;
  /** Attempts made before giving up. */
  attempts: number;
  error: string;
  deadLetteredAt: Date | null;
  /** The message exactly as it arrived (it may be malformed). */
  body: string;
}

/** Each consumer's dead letters, wherever the transport keeps them. */
export interface DeadLetterStore {
  /** The consumers this deployment runs. */
  readonly consumers: readonly string[];
  count(consumer: string): Promise<number>;
  list(consumer: string, limit: number): Promise<DeadLetter[]>;
  /**
   * Sends dead letters back to their consumer as first attempts, keeping their event ids
   * (so a replay of something already handled is still applied once). All when `eventId`
   * is omitted. Returns how many were replayed.
   */
  replay(consumer: string, eventId?: string): Promise<number>;
  purge(consumer: string): Promise<number>;
}
export const DeadLetterStore = token<DeadLetterStore>('DeadLetterStore');
