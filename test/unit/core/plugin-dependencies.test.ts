import { inject, type InjectionToken } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { InvalidPluginError } from '../../../core/errors.ts';
import { optional } from '../../../core/inject.ts';
import { plugin, type Plugin } from '../../../core/plugin.ts';
import { describePlugin, tokenName } from '../../../core/plugin-dependencies.ts';

const CONFIG: InjectionToken<object> = Symbol('test.Config');
const MAYBE: InjectionToken<object> = Symbol('test.Maybe');

@plugin({ name: 'dep' })
class DepPlugin implements Plugin {
  readonly name = 'dep';
}

@plugin({ name: 'consumer', provides: [MAYBE] })
class ConsumerPlugin implements Plugin {
  readonly name = 'consumer';
  constructor(readonly dep: DepPlugin, @inject(CONFIG) readonly config: object, @optional(MAYBE) readonly maybe?: object) {}
}

interface SomeInterface {
  x: number;
}

describe('describePlugin', () => {
  it('describePlugin() relies on emitted decorator metadata (design:paramtypes)', () => {
    // tsyringe silently fails to inject class-typed parameters when this metadata is missing.
    const types = Reflect.getMetadata('design:paramtypes', ConsumerPlugin) as unknown[];
    expect(types[0]).toBe(DepPlugin);
  });

  it('describePlugin() lists class, @inject and @optional parameters with their tokens', () => {
    const desc = describePlugin(ConsumerPlugin);
    expect(desc.name).toBe('consumer');
    expect(desc.provides).toEqual([ConsumerPlugin, MAYBE]);
    expect(desc.params).toEqual([
      { index: 0, token: DepPlugin, optional: false },
      { index: 1, token: CONFIG, optional: false },
      { index: 2, token: MAYBE, optional: true },
    ]);
  });

  it('describePlugin() throws InvalidPluginError for an interface-typed parameter without @inject', () => {
    @plugin({ name: 'untyped' })
    class Untyped implements Plugin {
      readonly name = 'untyped';
      constructor(readonly x: SomeInterface) {}
    }
    expect(() => describePlugin(Untyped)).toThrow(InvalidPluginError);
    expect(() => describePlugin(Untyped)).toThrow('constructor parameter #0 has no injection token');
  });

  it('describePlugin() throws InvalidPluginError for a class without @plugin()', () => {
    class Bare implements Plugin {
      readonly name = 'bare';
    }
    expect(() => describePlugin(Bare)).toThrow('is not decorated with @plugin()');
  });
});

describe('tokenName', () => {
  it.each([
    [Symbol('contiv.Logger'), 'contiv.Logger'],
    [DepPlugin, 'DepPlugin'],
    ['plain', 'plain'],
  ])('tokenName() names %s readably', (token, name) => {
    expect(tokenName(token)).toBe(name);
  });
});
