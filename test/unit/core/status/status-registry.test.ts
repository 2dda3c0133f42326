import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../core/clock.ts';
import { BadInputError } from '../../../../core/errors.ts';
import { StatusRegistry } from '../../../../core/status/status-registry.ts';

describe('StatusRegistry', () => {
  it('reporter() records a plugin state, its last error as JSON and merged details', () => {
    const clock = new ManualClock(5);
    const status = new StatusRegistry(clock);
    const r = status.reporter('policy');
    r.details({ tables: 2 });
    clock.advance(10);
    r.report('error', new BadInputError('k8s/policy/x', 'spec', 'bad'));
    r.details({ skipped: 1 });
    expect(status.plugin('policy')).toEqual({
      state: 'error',
      since: 15,
      lastError: { code: 'BAD_INPUT', source: 'k8s/policy/x', field: 'spec', detail: 'bad', name: 'BadInputError', message: 'k8s/policy/x spec: bad' },
      details: { tables: 2, skipped: 1 },
    });
    r.report('ok');
    expect(status.plugin('policy')?.lastError).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('markReady() holds only while running', () => {
    const status = new StatusRegistry(new ManualClock());
    status.markReady();
    expect(status.ready).toBe(false);
    status.setState('running');
    status.markReady();
    expect(status.ready).toBe(true);
    status.setState('closing');
    expect(status.ready).toBe(false);
  });
});
