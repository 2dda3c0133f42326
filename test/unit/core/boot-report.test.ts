import { describe, expect, it } from 'vitest';
import { formatBootReport } from '../../../core/boot-report.ts';

describe('formatBootReport', () => {
  it('formatBootReport() draws one row per plugin in start order with ms per phase', () => {
    const text = formatBootReport({
      label: 'node-1',
      build: 'full',
      order: ['kvstore', 'policy'],
      steps: [
        { plugin: 'kvstore', phase: 'construct', ms: 0.04 },
        { plugin: 'policy', phase: 'construct', ms: 0.1 },
        { plugin: 'kvstore', phase: 'init', ms: 1.25 },
        { plugin: 'policy', phase: 'init', ms: 12 },
        { plugin: 'policy', phase: 'resync', ms: 3 },
      ],
      totalMs: 20.02,
    });
    expect(text.split('\n')).toEqual([
      'boot report: node-1, build full, 2 plugins, 20.0 ms',
      '  #  plugin   construct  init  afterInit  resync  total',
      '  1  kvstore        0.0   1.3          -       -    1.3',
      '  2  policy         0.1  12.0          -     3.0   15.1',
    ]);
  });
});
