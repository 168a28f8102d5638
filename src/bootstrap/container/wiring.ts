import type { Container, ContainerModuleLoadOptions, Newable } from 'inversify';
import type { Registry } from 'prom-client';
import { traced } from '#adapters/telemetry/traced-use-case.ts';
import type { Token } from '#application/shared/token.ts';

export type Bind = ContainerModuleLoadOptions['bind'];

declare const many: unique symbol;

/** Every binding of a token (routers, event handlers, probes), as an array; none is fine. */
export interface AllOf<T> {
  readonly serviceIdentifier: Token<T>;
  readonly isMultiple: true;
  readonly optional: true;
  readonly [many]: T[];
}

/** Asks for every binding of `token` as an array. */
export function allOf<T>(token: Token<T>): AllOf<T> {
  return { serviceIdentifier: token, isMultiple: true, optional: true } as AllOf<T>;
}

/** Where one dependency comes from: a typed token, a class bound as itself, or `allOf(token)`. */
export type Injection<T> = Token<T> | Newable<T> | (T extends readonly (infer E)[] ? AllOf<E> : never);

/**
 * The `{ name: token }` map for a `Deps` object: every member named, each token typed with
 * what that member needs, so a swapped, missing or extra token fails to compile.
 */
export type Injections<D> = { readonly [K in keyof D]-?: Injection<D[K]> };

type Id<T> = Token<T> | Newable<T>;

/** `container.get` typed by the token: for entrypoints and tests, never inside the graph. */
export function resolve<T>(container: Container, id: Id<T>): T {
  return container.get<T>(id);
}

/** Binds `id` to what `make(deps)` returns, `deps` resolved member by member from `injections`. */
export function bindFactory<T, D extends object>(
  bind: Bind,
  id: Id<T>,
  make: (deps: D) => NoInfer<T>,
  injections: NoInfer<Injections<D>>,
): void {
  const names = Object.keys(injections) as (keyof D)[];
  const resolve = (...values: unknown[]): T =>
    make(Object.fromEntries(names.map((name, i) => [name, values[i]])) as D);
  bind<T>(id).toResolvedValue(resolve as never, names.map((name) => injections[name]) as never);
}

/** Binds `id` to `new Class(deps)`: the common case of `bindFactory`. */
export function bindClass<T, D extends object>(
  bind: Bind,
  id: Id<T>,
  Class: new (deps: D) => NoInfer<T>,
  injections: NoInfer<Injections<D>>,
): void {
  bindFactory(bind, id, (deps: D) => new Class(deps), injections);
}

type UseCase = { execute(input: never): Promise<unknown> };

/** Binds a use case under its own class, traced and timed under the class's name. */
export function bindUseCase<T extends UseCase, D extends object>(
  bind: Bind,
  UseCaseClass: new (deps: D) => T,
  injections: NoInfer<Injections<D>>,
  metrics: Token<Registry>,
): void {
  const names = Object.keys(injections) as (keyof D)[];
  const resolve = (registry: Registry, ...values: unknown[]): T => {
    const deps = Object.fromEntries(names.map((name, i) => [name, values[i]])) as D;
    return traced(UseCaseClass.name, new UseCaseClass(deps), registry);
  };
  bind<T>(UseCaseClass).toResolvedValue(
    resolve as never,
    [metrics, ...names.map((n) => injections[n])] as never,
  );
}
