import { describe, expect, it } from 'vitest';
import type { NatClaim } from '../../../../plugins/service/nat-claim.ts';
import { BASE_OWNER, NatDesiredState } from '../../../../plugins/service/nat-desired-state.ts';
import type { NatReject, NatStaticMapping } from '../../../../plugins/vpp/model.ts';

function mapping(ip: string, port: number, locals: string[], tag = 't'): NatClaim {
  const value: NatStaticMapping = {
    externalIp: ip,
    externalPort: port,
    protocol: 6,
    locals: locals.map((l) => ({ ip: l, port: 8080, probability: 1 })),
    out2inOnly: true,
    twiceNat: 'self',
    affinity: 0,
    vrf: 0,
    tag,
  };
  return { slot: `6/${ip}/${port}`, key: `vpp/nat/static/6/${ip}/${port}`, value };
}

function reject(ip: string, port: number): NatClaim {
  const value: NatReject = { ip, protocol: 6, port, action: 'reject', tag: 't' };
  return { slot: `6/${ip}/${port}`, key: `vpp/nat/reject/6/${ip}/${port}`, value };
}

const ops = (changes: ReturnType<NatDesiredState['set']>): string[] => changes.map((c) => `${c.op} ${c.key}`);

describe('NatDesiredState', () => {
  it('set() puts new values and nothing for an identical second set', () => {
    const s = new NatDesiredState();
    expect(ops(s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2'])]))).toEqual(['put vpp/nat/static/6/10.96.0.1/80']);
    expect(s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2'])])).toEqual([]);
  });

  it('set() puts only the changed value when one of several changes', () => {
    const s = new NatDesiredState();
    s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2']), mapping('10.96.0.1', 81, ['10.1.1.2'])]);
    expect(ops(s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2', '10.1.1.3']), mapping('10.96.0.1', 81, ['10.1.1.2'])]))).toEqual([
      'put vpp/nat/static/6/10.96.0.1/80',
    ]);
  });

  it('set() deletes the mapping and puts the reject when a frontend loses its backends', () => {
    const s = new NatDesiredState();
    s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2'])]);
    expect(ops(s.set('default/a', [reject('10.96.0.1', 80)]))).toEqual([
      'put vpp/nat/reject/6/10.96.0.1/80',
      'delete vpp/nat/static/6/10.96.0.1/80',
    ]);
    expect(s.values().map((v) => v.key)).toEqual(['vpp/nat/reject/6/10.96.0.1/80']);
  });

  it('set() with no claims removes everything of the owner', () => {
    const s = new NatDesiredState();
    s.set('default/a', [mapping('10.96.0.1', 80, ['10.1.1.2']), reject('10.96.0.1', 81)]);
    expect(ops(s.set('default/a', []))).toEqual(['delete vpp/nat/reject/6/10.96.0.1/81', 'delete vpp/nat/static/6/10.96.0.1/80']);
    expect(s.values()).toEqual([]);
  });

  it('set() gives a clashing slot to the smallest owner and hands it over when that owner leaves', () => {
    const s = new NatDesiredState();
    s.set('ns/b', [mapping('203.0.113.1', 80, ['10.1.1.9'], 'b')]);
    expect(ops(s.set('ns/a', [mapping('203.0.113.1', 80, ['10.1.1.2'], 'a')]))).toEqual(['put vpp/nat/static/6/203.0.113.1/80']);
    expect((s.value('vpp/nat/static/6/203.0.113.1/80') as NatStaticMapping).tag).toBe('a');
    expect(s.clashes()).toEqual([{ slot: '6/203.0.113.1/80', winner: 'ns/a', losers: ['ns/b'] }]);
    expect(s.ownerOf('6/203.0.113.1/80')).toBe('ns/a');
    s.set('ns/a', []);
    expect((s.value('vpp/nat/static/6/203.0.113.1/80') as NatStaticMapping).tag).toBe('b');
    expect(s.clashes()).toEqual([]);
  });

  it('set() lets the base owner win over every Service', () => {
    const s = new NatDesiredState();
    s.set('default/a', [mapping('192.168.16.1', 4789, ['10.1.1.2'])]);
    const identity: NatClaim = {
      slot: '6/192.168.16.1/4789',
      key: 'vpp/nat/identity/6/192.168.16.1/4789',
      value: { ip: '192.168.16.1', protocol: 6, port: 4789, vrf: 0, tag: 'snat:vxlan' },
    };
    expect(ops(s.set(BASE_OWNER, [identity]))).toEqual(['put vpp/nat/identity/6/192.168.16.1/4789', 'delete vpp/nat/static/6/192.168.16.1/4789']);
  });

  it('values() lists every emitted value sorted by key', () => {
    const s = new NatDesiredState();
    s.set('z/z', [mapping('10.96.0.2', 80, ['10.1.1.2'])]);
    s.set('a/a', [mapping('10.96.0.1', 80, ['10.1.1.2'])]);
    expect(s.values().map((v) => v.key)).toEqual(['vpp/nat/static/6/10.96.0.1/80', 'vpp/nat/static/6/10.96.0.2/80']);
  });
});
