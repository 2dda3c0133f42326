import { describe, expect, it } from 'vitest';
import { simNodeConfig } from '../../../cluster/sim-node.ts';

describe('simNodeConfig', () => {
  const base = { name: 'node-1', contiv: { ipam: {} }, renderer: 'acl' as const };

  it('simNodeConfig() keeps the in-process simulator adapter when no socket path is given', () => {
    const vpp = (simNodeConfig(base).plugins as Record<string, Record<string, unknown>>).vpp!;
    expect(vpp.adapter).toBeUndefined();
    expect(vpp.retry).toEqual({ maxRetries: 0 });
  });

  it('simNodeConfig() switches the vpp plugin to the socket adapter with the shipped definitions when a socket path is given', () => {
    const vpp = (simNodeConfig(base, '/tmp/x/api.sock').plugins as Record<string, Record<string, unknown>>).vpp!;
    expect(vpp).toMatchObject({ adapter: 'socket', socket: { path: '/tmp/x/api.sock', apiDir: 'shipped', startupWaitMs: 0 }, retry: { maxRetries: 0 } });
  });

  it('simNodeConfig() turns the tcp stack on for the vpptcp renderer', () => {
    const plugins = simNodeConfig({ ...base, renderer: 'vpptcp' }).plugins as Record<string, Record<string, unknown>>;
    expect(plugins.contiv).toMatchObject({ tcpStack: true });
    expect(plugins.policy).toEqual({ renderers: ['vpptcp'] });
  });
});
