import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../core/clock.ts';
import { BadInputError } from '../../../../core/errors.ts';
import { LogRegistry } from '../../../../core/log/log-registry.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';

describe('LogRegistry', () => {
  it('logger() emits records at or above the level, stamped by the clock', () => {
    const sink = new RecordingLogger();
    const logs = new LogRegistry({ sink, level: 'warn', clock: new ManualClock(42) });
    const log = logs.logger('vpp');
    log.info('dropped');
    log.warn('kept', { n: 1 });
    expect(sink.records).toEqual([{ time: 42, level: 'warn', logger: 'vpp', msg: 'kept', fields: { n: 1 } }]);
    expect(log.enabled('info')).toBe(false);
  });

  it('level() falls back from a child to its parent, then to the default', () => {
    const logs = new LogRegistry({ sink: new RecordingLogger(), level: 'info', levels: { policy: 'debug', 'policy.renderer.acl': 'error' } });
    expect(logs.level('policy.renderer')).toBe('debug');
    expect(logs.level('policy.renderer.acl')).toBe('error');
    expect(logs.level('service')).toBe('info');
  });

  it('child() returns the shared logger `<name>.<suffix>`', () => {
    const logs = new LogRegistry({ sink: new RecordingLogger() });
    const child = logs.logger('policy').child('renderer');
    expect(child.name).toBe('policy.renderer');
    expect(child).toBe(logs.logger('policy.renderer'));
  });

  it('setLevel() throws BadInputError for an unknown level', () => {
    const logs = new LogRegistry({ sink: new RecordingLogger() });
    expect(() => logs.setLevel('policy', 'verbose')).toThrow(BadInputError);
  });
});
