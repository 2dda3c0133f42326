/** @module optional(): a constructor parameter that is `undefined` when nobody provides the token. */
import { inject, type InjectionToken } from 'tsyringe';
import { markOptionalParam } from './plugin.ts';

const OPTIONAL_TOKENS = new Map<InjectionToken<unknown>, symbol>();

/** The token under which the host registers "T or undefined". */
export function optionalToken<T>(token: InjectionToken<T>): InjectionToken<T | undefined> {
  let t = OPTIONAL_TOKENS.get(token);
  if (!t) {
    t = Symbol(`optional(${String(typeof token === 'function' ? token.name : String(token))})`);
    OPTIONAL_TOKENS.set(token, t);
  }
  return t;
}

/**
 * Parameter decorator: inject `token` if some enabled plugin (or override) provides it,
 * else `undefined`. Optional dependencies do not fail start-up and do not order plugins
 * unless the provider is present.
 * @example constructor(@optional(SERVICE_API) private readonly services?: ServiceApi) {}
 */
export function optional<T>(token: InjectionToken<T>): ParameterDecorator {
  const inner = inject(optionalToken(token));
  return (target, key, index) => {
    markOptionalParam(target, index, token);
    inner(target, key, index);
  };
}
