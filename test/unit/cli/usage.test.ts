import { describe, expect, it } from 'vitest';
import { formatError, generalUsage, parseFlags, UsageError } from '../../../cli/usage.ts';
import { PluginPhaseError } from '../../../core/errors.ts';

const FLAGS = { config: { type: 'string' }, once: { type: 'boolean' }, set: { type: 'string', multiple: true } } as const;

describe('parseFlags', () => {
  it('parseFlags() returns the values of known flags', () => {
    expect(parseFlags(['--config', 'a.yaml', '--once', '--set', 'a=1', '--set', 'b=2'], FLAGS)).toEqual({ config: 'a.yaml', once: true, set: ['a=1', 'b=2'] });
  });

  it.each([[['--nope']], [['stray']], [['--config']]])('parseFlags() throws UsageError for %j', (argv) => {
    expect(() => parseFlags(argv, FLAGS)).toThrow(UsageError);
  });
});

describe('generalUsage', () => {
  it('generalUsage() lists commands sorted with their summaries', () => {
    const text = generalUsage({ status: { summary: 'print status' }, agent: { summary: 'run the agent' } });
    expect(text).toContain('commands:\n  agent   run the agent\n  status  print status\n');
  });
});

describe('formatError', () => {
  it('formatError() prints causes whose message the error does not already end with', () => {
    const root = new Error('ECONNREFUSED', { cause: new Error('socket closed') });
    const err = new PluginPhaseError('kvstore', 'init', { cause: root });
    expect(formatError(err)).toBe('plugin "kvstore" failed in init: ECONNREFUSED\n  caused by: socket closed');
  });
});
