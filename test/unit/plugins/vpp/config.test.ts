import { describe, expect, it } from 'vitest';
import { vppConfigSchema } from '../../../../plugins/vpp/config.ts';

describe('vppConfigSchema', () => {
  it('parse() fills every default from an empty section', () => {
    expect(vppConfigSchema.parse({})).toMatchObject({
      adapter: 'sim',
      sim: { nics: [{ name: 'GigabitEthernet0/8/0' }] },
      requestTimeoutMs: 5000,
      retry: { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, factor: 2 },
      historySize: 100,
    });
  });

  it('parse() rejects unknown keys and a bad NIC MAC, naming the path', () => {
    const r = vppConfigSchema.safeParse({ retry: { maxRetry: 1 }, sim: { nics: [{ name: 'eth0', mac: 'zz' }] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['sim.nics.0.mac', 'retry']);
  });
});
