/**
 * @module What a plugin class consumes and provides, read from its decorator metadata
 * (`@plugin()`, tsyringe's `@inject` / our `@optional` and `design:paramtypes`).
 */
import 'reflect-metadata';
import type { InjectionToken } from 'tsyringe';
import { InvalidPluginError } from './errors.ts';
import { optionalParams, pluginMetadata, type PluginClass, type PluginMetadata } from './plugin.ts';

/** One constructor parameter of a plugin and the token it is resolved by. */
export interface ParamDependency {
  /** Parameter position. */
  readonly index: number;
  /** The token the parameter asks for (for `@optional(T)` this is `T`, not the internal token). */
  readonly token: InjectionToken<unknown>;
  /** `@optional(T)` (or tsyringe's `isOptional`): absent → `undefined`, no start-up error. */
  readonly optional: boolean;
}

/** A plugin class with everything the host needs to know to order and build it. */
export interface PluginDescriptor {
  readonly cls: PluginClass;
  readonly meta: PluginMetadata;
  readonly name: string;
  /** Tokens its instance is registered under: its class plus `meta.provides`. */
  readonly provides: readonly InjectionToken<unknown>[];
  readonly params: readonly ParamDependency[];
}

/** tsyringe's `@inject` metadata key (`INJECTION_TOKEN_METADATA_KEY` in tsyringe's reflection-helpers). */
const INJECTION_TOKENS = 'injectionTokens';

/** What tsyringe records per `@inject`/`@injectAll` parameter. */
interface TokenDescriptor {
  readonly token: InjectionToken<unknown>;
  readonly multiple?: boolean;
  readonly isOptional?: boolean;
}

function isTokenDescriptor(v: unknown): v is TokenDescriptor {
  return typeof v === 'object' && v !== null && 'token' in v;
}

/** Types `design:paramtypes` reports for interfaces, primitives and unions: not resolvable. */
const NOT_A_TOKEN: ReadonlySet<unknown> = new Set([Object, String, Number, Boolean, Symbol, Array, Function, Promise, undefined]);

/** A readable name for a token: a symbol's description, a class name, or the string. */
export function tokenName(token: InjectionToken<unknown>): string {
  if (typeof token === 'symbol') return token.description ?? token.toString();
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'string') return token;
  return String(token);
}

/**
 * Reads the plugin's metadata and constructor dependencies.
 * @throws {InvalidPluginError} If the class lacks `@plugin()`, decorator metadata was not
 *   emitted, or a parameter has no usable token (interface types need `@inject(TOKEN)`).
 * @example describePlugin(PolicyPlugin).params // [{ index: 0, token: DATASYNC, optional: false }, ...]
 */
export function describePlugin(cls: PluginClass): PluginDescriptor {
  let meta: PluginMetadata;
  try {
    meta = pluginMetadata(cls);
  } catch (err: unknown) {
    throw new InvalidPluginError(cls.name, 'is not decorated with @plugin()', { cause: err });
  }
  const types = Reflect.getMetadata('design:paramtypes', cls) as readonly unknown[] | undefined;
  const injected = (Reflect.getOwnMetadata(INJECTION_TOKENS, cls) as Record<string, unknown> | undefined) ?? {};
  const optionals = optionalParams(cls);
  const count = Math.max(types?.length ?? 0, cls.length, ...Object.keys(injected).map((k) => Number(k) + 1));
  if (count > 0 && types === undefined && Object.keys(injected).length < count) {
    throw new InvalidPluginError(meta.name, 'no decorator metadata (design:paramtypes) was emitted; enable emitDecoratorMetadata');
  }
  const params: ParamDependency[] = [];
  for (let index = 0; index < count; index++) {
    const optionalOf = optionals.get(index);
    const desc = injected[String(index)];
    if (optionalOf !== undefined) {
      params.push({ index, token: optionalOf, optional: true });
    } else if (isTokenDescriptor(desc)) {
      params.push({ index, token: desc.token, optional: desc.isOptional === true });
    } else if (desc !== undefined) {
      params.push({ index, token: desc as InjectionToken<unknown>, optional: false });
    } else {
      const type = types?.[index];
      if (NOT_A_TOKEN.has(type) || typeof type !== 'function') {
        throw new InvalidPluginError(
          meta.name,
          `constructor parameter #${index} has no injection token (an interface type needs @inject(TOKEN))`,
        );
      }
      params.push({ index, token: type as InjectionToken<unknown>, optional: false });
    }
  }
  return { cls, meta, name: meta.name, provides: [cls, ...(meta.provides ?? [])], params };
}
