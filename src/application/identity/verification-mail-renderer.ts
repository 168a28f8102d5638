import { token } from '../shared/token.ts';

export interface VerificationMailContent {
  subject: string;
  html: string;
  text: string;
}

/** Turns a verification link into the mail that carries it. */
export interface VerificationMailRenderer {
  render(input: { handle: string; link: string; expiresAt: Date }): VerificationMailContent;
}
export const VerificationMailRenderer = token<VerificationMailRenderer>('VerificationMailRenderer');
