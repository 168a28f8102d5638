import type { ContainerModuleLoadOptions, MapToResolvedValueInjectOptions, Newable } from 'inversify';
import type { Registry } from 'prom-client';
import { traced } from '#adapters/telemetry/traced-use-case.ts';
import { Tokens } from './tokens.ts';

type UseCase = { execute(input: never): Promise<unknown> };

/**
 * Binds a use case under its own class, built by `factory` from the given tokens and
 * wrapped so that every call is traced and timed under the class's name.
 */
export function bindUseCase<T extends UseCase, D extends unknown[]>(
  bind: ContainerModuleLoadOptions['bind'],
  useCase: Newable<T>,
  factory: (...deps: D) => T,
  deps: MapToResolvedValueInjectOptions<D>,
): void {
  bind<T>(useCase).toResolvedValue(
    (metrics: Registry, ...resolved: unknown[]) => traced(useCase.name, factory(...(resolved as D)), metrics),
    [Tokens.Metrics, ...(deps as unknown[])] as never,
  );
}
