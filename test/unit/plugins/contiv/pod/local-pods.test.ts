import { describe, expect, it } from 'vitest';
import { ContivNotReadyError } from '../../../../../plugins/contiv/errors.ts';
import { LocalPods } from '../../../../../plugins/contiv/pod/local-pods.ts';
import { parseCidr, parseIp4 } from '../../../../../plugins/net/ipv4.ts';

const subnet = { subnet: parseCidr('10.1.1.0/24'), gateway: parseIp4('10.1.1.1'), source: 'node-id' as const };
const id = (name: string) => ({ namespace: 'default', name });
const rec = (name: string, cid: string, ip: string) => ({ id: id(name), containerId: cid, netns: '/n', ifName: 'eth0', ip });

describe('LocalPods', () => {
  it('prepare() needs reset() first', () => {
    expect(() => new LocalPods(false).prepare(id('a'), 'c1', '/n', 'eth0')).toThrow(ContivNotReadyError);
  });

  it('reset() restores records and drops those that clash or do not fit', () => {
    const pods = new LocalPods(true);
    const dropped = pods.reset(subnet, [rec('b', 'c2', '10.1.1.2'), rec('a', 'c1', '10.1.1.2'), rec('c', 'c3', '10.2.0.9'), rec('d', 'c4', '10.1.1.3')]);
    expect(pods.registry.list().map((p) => p.record.id.name)).toEqual(['a', 'd']);
    expect(dropped.map((d) => [d.record.id.name, d.error.message])).toEqual([
      ['b', 'pod record default/b ip: 10.1.1.2 is already held by default/a'],
      ['c', 'pod record default/c ip: 10.2.0.9 is outside the pod subnet 10.1.1.0/24'],
    ]);
  });

  it('prepare() predicts no app namespace index (VPP numbers namespaces); the pod names its namespace by id', () => {
    const pods = new LocalPods(true);
    pods.reset(subnet, []);
    const a = pods.prepare(id('a'), 'c1', '/n', 'eth0');
    expect(a.record).not.toHaveProperty('appNsIndex');
    expect(pods.commit(a).local.appNamespace).toMatch(/^appns-[0-9a-f]{12}$/);
  });

  it('prepare() + commit() allocate, a repeated ADD is recognised, abort() gives the IP back', () => {
    const pods = new LocalPods(false);
    pods.reset(subnet, []);
    const a = pods.prepare(id('a'), 'c1', '/n', 'eth0');
    expect(a).toMatchObject({ existing: false, record: { ip: '10.1.1.2' } });
    pods.commit(a);
    expect(pods.prepare(id('a'), 'c1', '/n', 'eth0')).toMatchObject({ existing: true, record: { ip: '10.1.1.2' } });
    const b = pods.prepare(id('b'), 'c2', '/n', 'eth0');
    pods.abort(b);
    expect(pods.prepare(id('c'), 'c3', '/n', 'eth0').record.ip).toBe('10.1.1.3');
  });

  it('remove() frees the IP; resubnet() only moves an empty node', () => {
    const pods = new LocalPods(false);
    pods.reset(subnet, [rec('a', 'c1', '10.1.1.9')]);
    expect(pods.resubnet({ ...subnet, subnet: parseCidr('10.1.2.0/24'), gateway: parseIp4('10.1.2.1') })).toBe(false);
    expect(pods.remove('c1')?.record.ip).toBe('10.1.1.9');
    expect(pods.remove('c1')).toBeUndefined();
    expect(pods.resubnet({ ...subnet, subnet: parseCidr('10.1.2.0/24'), gateway: parseIp4('10.1.2.1') })).toBe(true);
    const c = pods.prepare(id('c'), 'c3', '/n', 'eth0');
    expect(c.record.ip).toBe('10.1.2.2');
  });

  it('prepare() takes the requested IP, and rejects one outside the subnet, reserved or held by another pod', () => {
    const pods = new LocalPods(false);
    pods.reset(subnet, [rec('a', 'c1', '10.1.1.2')]);
    const b = pods.prepare(id('b'), 'c2', '/n', 'eth0', '10.1.1.50');
    expect(b.record.ip).toBe('10.1.1.50');
    pods.commit(b);
    expect(pods.prepare(id('c'), 'c3', '/n', 'eth0').record.ip).toBe('10.1.1.3');
    expect(() => pods.prepare(id('d'), 'c4', '/n', 'eth0', '10.1.2.5')).toThrow('CNI ADD c4 (IP=10.1.2.5) ip: 10.1.2.5 is outside the pod subnet 10.1.1.0/24');
    expect(() => pods.prepare(id('d'), 'c4', '/n', 'eth0', '10.1.1.1')).toThrow('is reserved');
    expect(() => pods.prepare(id('d'), 'c4', '/n', 'eth0', '10.1.1.2')).toThrow('is already held by default/a');
  });
});
