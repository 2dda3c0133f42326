import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../core/errors.ts';
import { formatLogLine } from '../../../../core/log/console-log-sink.ts';

describe('formatLogLine', () => {
  it('formatLogLine() writes time, level, logger, message and JSON fields on one line', () => {
    const line = formatLogLine({ time: Date.UTC(2025, 0, 2, 3, 4, 5, 678), level: 'info', logger: 'policy', msg: 'table added', fields: { id: 't1' } });
    expect(line).toBe('2025-01-02T03:04:05.678Z INFO  policy: table added {"id":"t1"}');
  });

  it('formatLogLine() writes errors among the fields as their JSON and omits empty fields', () => {
    const err = new BadInputError('k8s/pod/x', 'metadata.name', 'missing');
    const line = formatLogLine({ time: 0, level: 'warn', logger: 'ksr', msg: 'skipped', fields: { error: err } });
    expect(line.startsWith('1970-01-01T00:00:00.000Z WARN  ksr: skipped {')).toBe(true);
    expect(JSON.parse(line.slice(line.indexOf('{')))).toEqual({ error: err.toJSON() });
    expect(formatLogLine({ time: 0, level: 'error', logger: 'a', msg: 'm', fields: {} })).toBe('1970-01-01T00:00:00.000Z ERROR a: m');
  });

  it('formatLogLine() survives cyclic fields', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatLogLine({ time: 0, level: 'debug', logger: 'a', msg: 'm', fields: cyclic })).toContain('<unserialisable>');
  });
});
