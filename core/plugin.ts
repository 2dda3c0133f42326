/** @module The plugin contract: lifecycle hooks, the @plugin() decorator and its metadata. */
import 'reflect-metadata';
import { injectable, type InjectionToken } from 'tsyringe';
import type { z } from 'zod';
import type { Snapshot } from './snapshot.ts';

/** Lifecycle phases, in the order the host runs them (`close` runs in reverse plugin order). */
export type Phase = 'init' | 'afterInit' | 'resync' | 'close';

/**
 * A plugin: a class decorated with {@linkcode plugin}, constructed by the host with its
 * dependencies as `@inject(TOKEN)` constructor parameters.
 */
export interface Plugin {
  /** Canonical name: logger, config section, status key and event-handler owner. */
  readonly name: string;
  /** Own state; register watches, handlers and HTTP routes. Nothing external is running yet. */
  init?(): Promise<void> | void;
  /** Every plugin is initialised: connect, start serving. */
  afterInit?(): Promise<void> | void;
  /** Full-state reconcile from a snapshot of the keys the plugin watches. */
  resync?(snapshot: Snapshot): Promise<void> | void;
  /** Release resources. Runs in reverse order, only if `init` succeeded. */
  close?(): Promise<void> | void;
}

/** A plugin's config section: the token its validated value is injected under, and its schema. */
export interface PluginConfig<T = unknown> {
  readonly token: InjectionToken<T>;
  readonly schema: z.ZodType<T>;
}

/**
 * Declares a config section for a plugin.
 * @example export const policyConfig = pluginConfig(POLICY_CONFIG, z.object({ renderer: z.enum(['acl']) }).strict());
 */
export function pluginConfig<T>(token: InjectionToken<T>, schema: z.ZodType<T>): PluginConfig<T> {
  return { token, schema };
}

/** What `@plugin()` records about a plugin class. */
export interface PluginMetadata {
  /** Canonical name (must equal the instance's `name`). */
  readonly name: string;
  /** Tokens this plugin's instance is registered under, for other plugins to inject. */
  readonly provides?: readonly InjectionToken<unknown>[];
  /** Its config section (key `plugins.<name>` in the config file). */
  readonly config?: PluginConfig<unknown>;
  /** Extra ordering: plugin names that must start before this one without being injected. */
  readonly after?: readonly string[];
}

/** A plugin class as builds list it. */
export type PluginClass = new (...args: never[]) => Plugin;

const PLUGIN_META = Symbol.for('contiv.pluginMetadata');
const OPTIONAL_PARAMS = Symbol.for('contiv.optionalParams');

/**
 * Class decorator: marks a class as a plugin and makes it injectable.
 * @example
 * @plugin({ name: 'policy', provides: [POLICY_API], config: policyConfig })
 * export class PolicyPlugin implements Plugin { ... }
 */
export function plugin(meta: PluginMetadata): <C extends PluginClass>(target: C) => C {
  return <C extends PluginClass>(target: C): C => {
    Reflect.defineMetadata(PLUGIN_META, meta, target);
    // tsyringe's injectable() is typed for `constructor<T>`; our PluginClass is compatible.
    injectable()(target as unknown as new (...args: unknown[]) => Plugin);
    return target;
  };
}

/** The metadata of a plugin class. @throws {TypeError} if the class lacks `@plugin()`. */
export function pluginMetadata(target: PluginClass): PluginMetadata {
  const meta = Reflect.getMetadata(PLUGIN_META, target) as PluginMetadata | undefined;
  if (!meta) throw new TypeError(`class ${target.name} is not decorated with @plugin()`);
  return meta;
}

/** Records that constructor parameter `index` of `target` is optional (see `optional()`). */
export function markOptionalParam(target: object, index: number, token: InjectionToken<unknown>): void {
  const list = (Reflect.getMetadata(OPTIONAL_PARAMS, target) as Map<number, InjectionToken<unknown>> | undefined) ?? new Map();
  list.set(index, token);
  Reflect.defineMetadata(OPTIONAL_PARAMS, list, target);
}

/** Optional constructor parameters of a class: index → the token it asked for. */
export function optionalParams(target: object): ReadonlyMap<number, InjectionToken<unknown>> {
  return (Reflect.getMetadata(OPTIONAL_PARAMS, target) as Map<number, InjectionToken<unknown>> | undefined) ?? new Map();
}
