import { inject, type InjectionToken } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { dependencyGraph } from '../../../core/dependency-graph.ts';
import { DependencyCycleError, DisabledDependencyError, DuplicateProviderError, MissingDependencyError } from '../../../core/errors.ts';
import { optional } from '../../../core/inject.ts';
import { plugin, type Plugin } from '../../../core/plugin.ts';
import { describePlugin } from '../../../core/plugin-dependencies.ts';

const KV: InjectionToken<object> = Symbol('test.KV');
const SYNC: InjectionToken<object> = Symbol('test.Sync');
const HOST: InjectionToken<object> = Symbol('test.Host');

@plugin({ name: 'kv', provides: [KV] })
class KvPlugin implements Plugin {
  readonly name = 'kv';
}
@plugin({ name: 'sync', provides: [SYNC] })
class SyncPlugin implements Plugin {
  readonly name = 'sync';
  constructor(@inject(KV) readonly kv: object, @inject(HOST) readonly host: object) {}
}
@plugin({ name: 'user' })
class UserPlugin implements Plugin {
  readonly name = 'user';
  constructor(@inject(SYNC) readonly sync: object, @optional(KV) readonly kv?: object) {}
}
@plugin({ name: 'other-kv', provides: [KV] })
class OtherKvPlugin implements Plugin {
  readonly name = 'other-kv';
}
@plugin({ name: 'ping', provides: [KV] })
class PingPlugin implements Plugin {
  readonly name = 'ping';
  constructor(@inject(SYNC) readonly sync: object) {}
}
@plugin({ name: 'late', after: ['user'] })
class LatePlugin implements Plugin {
  readonly name = 'late';
}

const d = describePlugin;
const external = new Set<InjectionToken<unknown>>([HOST]);

describe('dependencyGraph', () => {
  it('dependencyGraph() orders providers before consumers and marks present optional tokens', () => {
    const g = dependencyGraph({ enabled: [d(UserPlugin), d(SyncPlugin), d(KvPlugin)], disabled: [], external });
    expect(g.order.map((p) => p.name)).toEqual(['kv', 'sync', 'user']);
    expect(g.needs.get('user')).toEqual(['sync', 'kv']);
    expect(g.optional.get(KV)).toBe(true);
  });

  it('dependencyGraph() honours after: names of present plugins', () => {
    const g = dependencyGraph({ enabled: [d(LatePlugin), d(UserPlugin), d(SyncPlugin), d(KvPlugin)], disabled: [], external });
    expect(g.order.map((p) => p.name)).toEqual(['kv', 'sync', 'user', 'late']);
  });

  it('dependencyGraph() marks an optional token absent when only a disabled plugin provides it', () => {
    const g = dependencyGraph({ enabled: [d(UserPlugin)], disabled: [d(KvPlugin)], external: new Set([SYNC]) });
    expect(g.optional.get(KV)).toBe(false);
    expect(g.order.map((p) => p.name)).toEqual(['user']);
  });

  it('dependencyGraph() throws naming both plugins when a required provider is disabled', () => {
    const run = () => dependencyGraph({ enabled: [d(SyncPlugin), d(UserPlugin)], disabled: [d(KvPlugin)], external });
    expect(run).toThrow(DisabledDependencyError);
    expect(run).toThrow('plugin "sync" needs test.KV, which only plugin "kv" provides, but "kv" is disabled');
  });

  it('dependencyGraph() throws MissingDependencyError naming plugin, token and parameter', () => {
    const run = () => dependencyGraph({ enabled: [d(SyncPlugin)], disabled: [], external: new Set() });
    expect(run).toThrow(MissingDependencyError);
    expect(run).toThrow('plugin "sync" needs test.KV (constructor parameter #0)');
  });

  it('dependencyGraph() lists unprovided tokens instead of failing when allowed', () => {
    const g = dependencyGraph({ enabled: [d(SyncPlugin)], disabled: [], external: new Set(), allowUnprovided: true });
    expect(g.unprovided).toEqual([KV, HOST]);
  });

  it('dependencyGraph() treats an external (overridden) token as provided, without an ordering edge', () => {
    const g = dependencyGraph({ enabled: [d(SyncPlugin), d(KvPlugin)], disabled: [], external: new Set([HOST, KV]) });
    expect(g.order.map((p) => p.name)).toEqual(['sync', 'kv']);
  });

  it('dependencyGraph() throws DuplicateProviderError when two plugins provide one token', () => {
    expect(() => dependencyGraph({ enabled: [d(KvPlugin), d(OtherKvPlugin)], disabled: [], external })).toThrow(DuplicateProviderError);
  });

  it('dependencyGraph() reports a provides/consumes cycle with its members', () => {
    const run = () => dependencyGraph({ enabled: [d(PingPlugin), d(SyncPlugin)], disabled: [], external });
    expect(run).toThrow(DependencyCycleError);
    expect(run).toThrow('ping -> sync -> ping');
  });
});
