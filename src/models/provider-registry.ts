import { UnknownNameError } from '../errors.js';
import type { ProviderFactory } from './model-handle.js';

/**
 * Providers by name. The built-in network providers register themselves in `builtin-providers.ts`
 * (imported by `resolve-model.ts`); the
 * simulated world registers "sim" from `src/sim` (models must not import sim: layers flow one way).
 */
const providers = new Map<string, ProviderFactory>();

export function registerProvider(name: string, factory: ProviderFactory): void {
  providers.set(name, factory);
}

export function getProvider(name: string): ProviderFactory {
  const factory = providers.get(name);
  if (factory === undefined) throw new UnknownNameError('model provider', name, knownProviders());
  return factory;
}

export function knownProviders(): string[] {
  return [...providers.keys()].sort();
}
