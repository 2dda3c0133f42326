import { inject, type InjectionToken } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configFromText } from '../../../../core/config/load-config.ts';
import { validateConfig } from '../../../../core/config/validate-config.ts';
import { ConfigError } from '../../../../core/errors.ts';
import { plugin, pluginConfig, type Plugin } from '../../../../core/plugin.ts';
import { describePlugin } from '../../../../core/plugin-dependencies.ts';
import { setOverride } from '../../../../core/config/config-overrides.ts';

interface PolicySettings {
  renderer: 'acl' | 'vpptcp';
  maxRules: number;
}
const POLICY_CONFIG: InjectionToken<PolicySettings> = Symbol('test.PolicyConfig');
const policySchema = z.object({ renderer: z.enum(['acl', 'vpptcp']).default('acl'), maxRules: z.number().int().positive().default(100) }).strict();

@plugin({ name: 'policy', config: pluginConfig(POLICY_CONFIG, policySchema) })
class PolicyPlugin implements Plugin {
  readonly name = 'policy';
  constructor(@inject(POLICY_CONFIG) readonly config: PolicySettings) {}
}
@plugin({ name: 'plain' })
class PlainPlugin implements Plugin {
  readonly name = 'plain';
}

const plugins = [describePlugin(PolicyPlugin), describePlugin(PlainPlugin)];

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err: unknown) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('validateConfig() applies defaults to an empty file', () => {
    const v = validateConfig(configFromText('', 'agent.yaml'), plugins);
    expect(v.top.agent).toEqual({ label: 'node-1', phaseTimeoutMs: 15_000 });
    expect(v.top.http).toEqual({ enabled: true, host: '127.0.0.1', port: 9191 });
    expect(v.top.log).toEqual({ level: 'info', plugins: {} });
    expect(v.sections.get('policy')).toEqual({ renderer: 'acl', maxRules: 100 });
    expect(v.enabled.map((p) => p.name)).toEqual(['policy', 'plain']);
  });

  it('validateConfig() names file, line, path and expected value for a bad plugin setting', () => {
    const text = 'http:\n  port: 9292\nplugins:\n  policy:\n    renderer: iptables\n';
    const err = errorOf(() => validateConfig(configFromText(text, 'agent.yaml'), plugins));
    expect(err.issues).toEqual([
      {
        origin: 'agent.yaml',
        path: 'plugins.policy.renderer',
        detail: 'Invalid option: expected one of "acl"|"vpptcp" (got "iptables")',
        line: 5,
        column: 15,
      },
    ]);
    expect(err.message).toContain('agent.yaml:5:15: plugins.policy.renderer: Invalid option: expected one of "acl"|"vpptcp"');
  });

  it('validateConfig() reports unknown keys with the keys that are accepted', () => {
    const text = 'http:\n  prot: 1\nextra: true\nplugins:\n  policy:\n    renderr: acl\n';
    const err = errorOf(() => validateConfig(configFromText(text, 'agent.yaml'), plugins));
    expect(err.issues.map((i) => `${i.path}: ${i.detail}`)).toEqual([
      'http.prot: unknown key (expected one of: enabled, host, port)',
      'extra: unknown key (expected one of: agent, http, log, plugins)',
      'plugins.policy.renderr: unknown key (expected one of: maxRules, renderer)',
    ]);
  });

  it('validateConfig() rejects a plugin name the build does not have', () => {
    const err = errorOf(() => validateConfig(configFromText('plugins:\n  polcy: {}\n', 'a.yaml'), plugins));
    expect(err.issues[0]).toMatchObject({ path: 'plugins.polcy', detail: 'unknown plugin (this build has: plain, policy)' });
  });

  it('validateConfig() rejects settings for a plugin without a schema', () => {
    const err = errorOf(() => validateConfig(configFromText('plugins:\n  plain:\n    x: 1\n', 'a.yaml'), plugins));
    expect(err.issues[0]).toMatchObject({ path: 'plugins.plain.x', detail: 'unknown key (plugin "plain" has no settings)' });
  });

  it('validateConfig() drops a plugin with enabled: false and skips its section', () => {
    const v = validateConfig(configFromText('plugins:\n  policy:\n    enabled: false\n    renderer: nope\n', 'a.yaml'), plugins);
    expect(v.enabled.map((p) => p.name)).toEqual(['plain']);
    expect(v.disabled.map((p) => p.name)).toEqual(['policy']);
  });

  it('validateConfig() requires enabled to be a boolean', () => {
    const err = errorOf(() => validateConfig(configFromText('plugins:\n  plain:\n    enabled: maybe\n', 'a.yaml'), plugins));
    expect(err.issues[0]).toMatchObject({ path: 'plugins.plain.enabled', detail: 'expected true or false (got "maybe")', line: 3 });
  });

  it('validateConfig() names the env var a bad value came from', () => {
    const loaded = configFromText('', 'agent.yaml', [{ path: ['http', 'port'], value: 'high', origin: 'env CONTIV_HTTP__PORT' }]);
    const err = errorOf(() => validateConfig(loaded, plugins));
    expect(err.issues).toEqual([
      { origin: 'env CONTIV_HTTP__PORT', path: 'http.port', detail: 'Invalid input: expected number, received string (got "high")' },
    ]);
  });

  it('validateConfig() names the flag a bad value came from', () => {
    const loaded = configFromText('', 'agent.yaml', [setOverride('plugins.policy.maxRules=-3')]);
    const err = errorOf(() => validateConfig(loaded, plugins));
    expect(err.issues[0]).toMatchObject({ origin: 'flag --set plugins.policy.maxRules', path: 'plugins.policy.maxRules' });
    expect(err.issues[0]?.detail).toContain('expected number to be >0');
  });

  it('validateConfig() rejects a document that is not a mapping', () => {
    const err = errorOf(() => validateConfig(configFromText('- a\n- b\n', 'list.yaml'), plugins));
    expect(err.message).toContain('list.yaml:1:1: expected a mapping');
  });
});
