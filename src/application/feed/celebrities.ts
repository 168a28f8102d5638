import { token } from '../shared/token.ts';

/** Authors whose posts are merged into feeds at read time instead of being delivered. */
export interface Celebrities {
  /** Whether the author already is a celebrity, and how many followers they have now. */
  standing(authorId: string): Promise<{ celebrity: boolean; followers: number }>;
  /** Makes the author a celebrity for good (needs a unit of work); false when already one. */
  promote(authorId: string, at: Date): Promise<boolean>;
}
export const Celebrities = token<Celebrities>('Celebrities');
