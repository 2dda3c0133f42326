import { describe, expect, it } from 'vitest';
import { applyOverrides, envOverrides, setOverride } from '../../../../core/config/config-overrides.ts';
import { ConfigError } from '../../../../core/errors.ts';

describe('envOverrides', () => {
  it('envOverrides() maps CONTIV_ variables to camelCase paths with YAML values, sorted by name', () => {
    const out = envOverrides({
      PATH: '/bin',
      CONTIV_PLUGINS__POLICY__RENDERER: 'vpptcp',
      CONTIV_HTTP__PORT: '9292',
      CONTIV_AGENT__PHASE_TIMEOUT_MS: '30000',
      CONTIV_HTTP__ENABLED: 'false',
    });
    expect(out).toEqual([
      { path: ['agent', 'phaseTimeoutMs'], value: 30000, origin: 'env CONTIV_AGENT__PHASE_TIMEOUT_MS' },
      { path: ['http', 'enabled'], value: false, origin: 'env CONTIV_HTTP__ENABLED' },
      { path: ['http', 'port'], value: 9292, origin: 'env CONTIV_HTTP__PORT' },
      { path: ['plugins', 'policy', 'renderer'], value: 'vpptcp', origin: 'env CONTIV_PLUGINS__POLICY__RENDERER' },
    ]);
  });
});

describe('setOverride', () => {
  it('setOverride() splits path=value and parses the value as YAML', () => {
    expect(setOverride('log.plugins.policy=debug')).toEqual({ path: ['log', 'plugins', 'policy'], value: 'debug', origin: 'flag --set log.plugins.policy' });
    expect(setOverride('kv.endpoints=[a:1, b:2]').value).toEqual(['a:1', 'b:2']);
  });

  it('setOverride() throws a ConfigError without "="', () => {
    expect(() => setOverride('http.port')).toThrow(ConfigError);
    expect(() => setOverride('=1')).toThrow('expected --set path=value');
  });
});

describe('applyOverrides', () => {
  it('applyOverrides() lets later overrides win, creates mappings and records origins', () => {
    const file = { http: { port: 1, host: 'h' }, plugins: { policy: null } };
    const out = applyOverrides(file, [
      { path: ['http', 'port'], value: 2, origin: 'env A' },
      { path: ['http', 'port'], value: 3, origin: 'flag B' },
      { path: ['plugins', 'policy', 'renderer'], value: 'acl', origin: 'env C' },
    ]);
    expect(out.data).toEqual({ http: { port: 3, host: 'h' }, plugins: { policy: { renderer: 'acl' } } });
    expect([...out.origins]).toEqual([
      ['http.port', 'flag B'],
      ['plugins.policy.renderer', 'env C'],
    ]);
    expect(file.http.port).toBe(1);
  });
});
