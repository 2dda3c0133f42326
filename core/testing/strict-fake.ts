/** @module strictFake(): a stand-in for a dependency nobody provided; every method call throws. */
import type { InjectionToken } from 'tsyringe';
import { UnexpectedCallError } from '../errors.ts';
import { tokenName } from '../plugin-dependencies.ts';

/** Marks strict fakes, so tools can tell them apart from real values. */
const STRICT_FAKE = Symbol.for('contiv.strictFake');

/**
 * A Proxy standing for `token`: any method called on it throws {@linkcode UnexpectedCallError}
 * naming the token and the method. Reading `then` gives `undefined`, so awaiting it is safe.
 * TestAgent binds one for every dependency a test did not override.
 * @example strictFake(KV_STORE).get('k') // throws UnexpectedCallError: unexpected call contiv.KeyValueStore.get()
 */
export function strictFake<T>(token: InjectionToken<T>): T {
  const name = tokenName(token);
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === STRICT_FAKE) return name;
        // Symbols (inspection, iteration) and `then` (await) must not look like methods.
        if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
        return () => {
          throw new UnexpectedCallError(name, prop);
        };
      },
    },
  ) as T;
}

/** The token name if `value` is a strict fake, else undefined. */
export function strictFakeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<symbol, string | undefined>)[STRICT_FAKE];
}
