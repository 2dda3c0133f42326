import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, formatError, generalUsage, type Output, parseFlags, readCommandLine, UsageError } from '../../../cli/usage.ts';
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

describe('readCommandLine', () => {
  const COMMAND_FLAGS = { ...FLAGS, help: { type: 'boolean', short: 'h' } } as const;
  const recorder = () => {
    const lines: { log: string[]; error: string[] } = { log: [], error: [] };
    const out: Output = { log: (l) => lines.log.push(l), error: (l) => lines.error.push(l) };
    return { lines, out };
  };

  it('readCommandLine() returns the flags when they parse and --help is absent', () => {
    const { lines, out } = recorder();
    expect(readCommandLine('x', 'USAGE', () => parseFlags(['--config', 'a.yaml'], COMMAND_FLAGS), out)).toEqual({ flags: { config: 'a.yaml' } });
    expect(lines).toEqual({ log: [], error: [] });
  });

  it('readCommandLine() prints the error with the usage and exits 2 when parsing fails', () => {
    const { lines, out } = recorder();
    expect(readCommandLine('resync', 'USAGE', () => parseFlags(['--nope'], COMMAND_FLAGS), out)).toEqual({ exit: EXIT_USAGE });
    expect(lines.error).toHaveLength(1);
    expect(lines.error[0]).toMatch(/^contiv-ts resync: .*--nope.*\n\nUSAGE$/s);
  });

  it('readCommandLine() prints the usage and exits 0 when --help is given', () => {
    const { lines, out } = recorder();
    expect(readCommandLine('x', 'USAGE', () => ({ help: true }), out)).toEqual({ exit: 0 });
    expect(lines).toEqual({ log: ['USAGE'], error: [] });
  });

  it('readCommandLine() rethrows errors that are not usage errors', () => {
    const { out } = recorder();
    expect(() =>
      readCommandLine('x', 'USAGE', () => {
        throw new RangeError('boom');
      }, out),
    ).toThrow(RangeError);
  });
});
