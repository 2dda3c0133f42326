/**
 * @module dependencyGraph(): which plugin provides each token a plugin consumes, checked
 * against disabled plugins and host-provided tokens, and ordered by startOrder().
 */
import type { InjectionToken } from 'tsyringe';
import { DisabledDependencyError, DuplicateProviderError, InvalidPluginError, MissingDependencyError } from './errors.ts';
import { tokenName, type PluginDescriptor } from './plugin-dependencies.ts';
import { startOrder } from './start-order.ts';

/** Inputs of {@linkcode dependencyGraph}. */
export interface GraphInput {
  /** Enabled plugins, in build order. */
  readonly enabled: readonly PluginDescriptor[];
  /** Plugins of the build that config disabled. */
  readonly disabled: readonly PluginDescriptor[];
  /** Tokens available without a plugin: host tokens, config sections, overrides. */
  readonly external: ReadonlySet<InjectionToken<unknown>>;
  /** When true, a required token nobody provides is listed in `unprovided` instead of failing. */
  readonly allowUnprovided?: boolean;
}

/** The resolved graph. */
export interface DependencyGraph {
  /** Enabled plugins in start order. */
  readonly order: readonly PluginDescriptor[];
  /** Plugin name → names of the plugins it needs, in build order. */
  readonly needs: ReadonlyMap<string, readonly string[]>;
  /** Tokens consumed through `@optional()`, each with whether anything provides it. */
  readonly optional: ReadonlyMap<InjectionToken<unknown>, boolean>;
  /** Required tokens nobody provides (only with `allowUnprovided`), in first-use order. */
  readonly unprovided: readonly InjectionToken<unknown>[];
}

/**
 * Maps consumed tokens to providers and derives the start order.
 * @throws {DuplicateProviderError} If two enabled plugins provide one token.
 * @throws {DisabledDependencyError} If a required token is provided only by a disabled plugin.
 * @throws {MissingDependencyError} If a required token is provided by nobody.
 * @throws {DependencyCycleError} If the plugins need each other in a cycle.
 */
export function dependencyGraph(input: GraphInput): DependencyGraph {
  const providers = providerMap(input.enabled);
  const disabledProviders = providerMap(input.disabled);
  const names = new Set(input.enabled.map((p) => p.name));
  const needs = new Map<string, string[]>();
  const optional = new Map<InjectionToken<unknown>, boolean>();
  const unprovided: InjectionToken<unknown>[] = [];
  for (const p of input.enabled) {
    const deps = new Set<string>();
    for (const param of p.params) {
      const external = input.external.has(param.token);
      const provider = external ? undefined : providers.get(param.token);
      if (provider !== undefined) deps.add(provider);
      if (param.optional) {
        optional.set(param.token, external || provider !== undefined);
        continue;
      }
      if (external || provider !== undefined) continue;
      const disabled = disabledProviders.get(param.token);
      if (disabled !== undefined) throw new DisabledDependencyError(p.name, disabled, tokenName(param.token));
      if (!input.allowUnprovided) throw new MissingDependencyError(p.name, tokenName(param.token), param.index);
      if (!unprovided.includes(param.token)) unprovided.push(param.token);
    }
    for (const after of p.meta.after ?? []) if (names.has(after)) deps.add(after);
    needs.set(p.name, [...deps]);
  }
  const byName = new Map(input.enabled.map((p) => [p.name, p]));
  const order = startOrder(input.enabled.map((p) => ({ name: p.name, needs: needs.get(p.name) ?? [] })));
  return { order: order.map((n) => byName.get(n) as PluginDescriptor), needs, optional, unprovided };
}

/** Token → name of the plugin providing it. */
function providerMap(plugins: readonly PluginDescriptor[]): Map<InjectionToken<unknown>, string> {
  const map = new Map<InjectionToken<unknown>, string>();
  const names = new Set<string>();
  for (const p of plugins) {
    if (names.has(p.name)) throw new InvalidPluginError(p.name, 'two plugins in the build have this name');
    names.add(p.name);
    for (const token of p.provides) {
      const other = map.get(token);
      if (other !== undefined) throw new DuplicateProviderError(tokenName(token), [other, p.name]);
      map.set(token, p.name);
    }
  }
  return map;
}
