import { describe, expect, it } from 'vitest';
import { formatStatus } from '../../../cli/status.ts';
import type { StatusView } from '../../../core/status/status-view.ts';

describe('formatStatus', () => {
  it('formatStatus() prints agent state and one row per plugin in start order', () => {
    const view: StatusView = {
      agent: { label: 'node-1', build: 'full', state: 'running', ready: true },
      order: ['kvstore', 'datasync'],
      disabled: ['policy'],
      plugins: {
        kvstore: { state: 'error', since: 0, boot: {}, lastError: { code: 'KV', message: 'etcd unreachable' } },
        datasync: { state: 'ok', since: 0, boot: {} },
      },
    };
    expect(formatStatus(view).split('\n')).toEqual([
      'agent node-1 (build full): running, ready',
      '  disabled: policy',
      '  #  plugin    state  last error',
      '  1  kvstore   error  etcd unreachable',
      '  2  datasync  ok',
    ]);
  });
});
