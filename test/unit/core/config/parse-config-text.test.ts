import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../../core/config/parse-config-text.ts';
import { ConfigError } from '../../../../core/errors.ts';

describe('parseConfigText', () => {
  it('parseConfigText() returns an empty mapping for an empty file', () => {
    expect(parseConfigText('# nothing\n', 'a.yaml').data).toEqual({});
  });

  it('parseConfigText() locates values by path', () => {
    const parsed = parseConfigText('http:\n  port: 9292\n', 'a.yaml');
    expect(parsed.data).toEqual({ http: { port: 9292 } });
    expect(parsed.positions(['http', 'port'])).toEqual({ line: 2, column: 9 });
    expect(parsed.positions(['nope'])).toBeUndefined();
  });

  it('parseConfigText() throws a ConfigError naming file, line and column for malformed YAML', () => {
    const run = () => parseConfigText('http:\n  port: [1, 2\nlog: x\n', 'broken.yaml');
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (err: unknown) {
      const issue = (err as ConfigError).issues[0];
      expect(issue).toMatchObject({ origin: 'broken.yaml', line: 3, column: 1 });
      expect(issue?.detail).toMatch(/^invalid YAML: Flow sequence in block collection must be sufficiently indented/);
      expect((err as Error).message).toContain('broken.yaml:3:1: invalid YAML');
    }
  });

  it('parseConfigText() rejects duplicate keys', () => {
    expect(() => parseConfigText('a: 1\na: 2\n', 'dup.yaml')).toThrow('dup.yaml:2:1: invalid YAML: Map keys must be unique');
  });
});
