import type { OpaqueTokens } from '#application/identity/opaque-tokens.ts';

/** Predictable secrets (`secret-1`, `secret-2`, …) with a visible "digest". */
export class SequentialOpaqueTokens implements OpaqueTokens {
  private counter = 0;

  generate(): string {
    return `secret-${++this.counter}`;
  }

  digest(token: string): string {
    return `digest(${token})`;
  }
}
