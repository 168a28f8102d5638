declare const resolvesTo: unique symbol;

/**
 * The name of a dependency in the composition root, typed with what it resolves to, so that
 * wiring a `Token<LikeRepository>` where a `PostRepository` is needed is a compile error.
 * A plain symbol at run time: framework-free, so ports declare theirs beside their interface
 * (`export const Clock = token<Clock>('Clock')`) and the container uses it as the identifier.
 */
export type Token<T> = symbol & { readonly [resolvesTo]: T };

export function token<T>(name: string): Token<T> {
  return Symbol(name) as Token<T>;
}
