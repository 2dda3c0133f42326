import { describe, expect, it } from 'vitest';
import { badInputOf } from '../../../fakes/bad-input.ts';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { localProbeTargets, remoteNodeOf, resolveLocalProbe, type TraceNodeFacts } from '../../../../plugins/trace/probe-target.ts';

const pods: Record<string, { ip?: string; node?: string; hostNetwork: boolean }> = {
  'x/a': { ip: '10.1.1.2', node: 'node-1', hostNetwork: false },
  'x/remote': { ip: '10.1.2.2', node: 'node-2', hostNetwork: false },
  'x/pending': { node: 'node-1', hostNetwork: false },
  'kube-system/proxy': { ip: '192.168.16.1', node: 'node-1', hostNetwork: true },
};

const facts: TraceNodeFacts = {
  node: 'node-1',
  localPodIp: (ns, name) => (ns === 'x' && name === 'a' ? '10.1.1.2' : undefined),
  pod: (ns, name) => pods[`${ns}/${name}`],
  service: (ns, name) => (ns === 'x' && name === 'web' ? { clusterIP: '10.96.0.10' } : ns === 'x' && name === 'headless' ? { clusterIP: 'None' } : undefined),
  nodeAddress: (name) => ({ 'node-1': '192.168.16.1', 'node-2': '192.168.16.2' })[name],
  inside: ['10.1.0.0/16', '10.96.0.0/12', '192.168.16.1', '192.168.16.2', '172.30.1.2', 'not-a-cidr'],
};

const spec = (from: string, to: string) => ({ from, to, port: 80, protocol: 'TCP' as const });

function badField(run: () => unknown): { field: string; detail: string } {
  const { field, detail } = badInputOf(run);
  return { field, detail };
}

describe('resolveLocalProbe', () => {
  it('resolveLocalProbe() sends from a local pod to a pod on another node', () => {
    expect(resolveLocalProbe(spec('x/a', 'x/remote'), facts, 'q')).toEqual({
      from: { kind: 'pod', node: 'node-1', ip: parseIp4('10.1.1.2') }, to: parseIp4('10.1.2.2'), protocol: 'TCP', dstPort: 80,
    });
  });

  it('resolveLocalProbe() sends from this node\'s host network to a Service cluster IP', () => {
    expect(resolveLocalProbe(spec('node:node-1', 'svc:x/web'), facts, 'q')).toMatchObject({ from: { kind: 'host', node: 'node-1' }, to: parseIp4('10.96.0.10') });
  });

  it('resolveLocalProbe() lets an outside host enter at this node', () => {
    expect(resolveLocalProbe(spec('ip:8.8.8.8', 'node:node-1'), facts, 'q')).toMatchObject({ from: { kind: 'outside', ip: parseIp4('8.8.8.8'), enterAt: 'node-1' }, to: parseIp4('192.168.16.1') });
  });

  it('resolveLocalProbe() sends from a host-network pod of this node as the host', () => {
    expect(resolveLocalProbe(spec('kube-system/proxy', 'x/a'), facts, 'q').from).toMatchObject({ kind: 'host', node: 'node-1' });
  });

  it('resolveLocalProbe() keeps a fixed source port', () => {
    expect(resolveLocalProbe({ ...spec('x/a', 'ip:1.1.1.1'), sourcePort: 40000 }, facts, 'q').srcPort).toBe(40000);
  });

  it.each([
    ['x/remote', 'x/a', 'from', 'pod x/remote is not wired on this node (node-1): it runs on node-2; an agent traces from its own pods only'],
    ['x/nobody', 'x/a', 'from', 'pod x/nobody is not wired on this node (node-1): an agent traces from its own pods only'],
    ['node:node-2', 'x/a', 'from', 'node:node-2 is not this node (node-1): an agent traces from its own host network only'],
    ['ip:10.1.1.9', 'x/a', 'from', 'is not outside the cluster'],
    ['ip:172.30.1.2', 'x/a', 'from', 'is not outside the cluster'],
    ['x/a', 'x/pending', 'to', 'pod x/pending has no IP'],
    ['x/a', 'svc:x/headless', 'to', 'has no IPv4 cluster IP'],
    ['x/a', 'node:node-9', 'to', 'unknown node node-9'],
  ])('resolveLocalProbe(%s → %s) throws naming %s', (from, to, field, detail) => {
    const e = badField(() => resolveLocalProbe(spec(from, to), facts, 'q'));
    expect(e.field).toBe(field);
    expect(e.detail).toContain(detail);
  });
});

describe('localProbeTargets', () => {
  it('localProbeTargets() places wired pods on this node and treats unparsable prefixes as nothing', () => {
    const t = localProbeTargets(facts);
    expect(t.pod('x', 'a')).toEqual({ node: 'node-1', ip: '10.1.1.2', hostNetwork: false });
    expect(t.isOutside(parseIp4('8.8.8.8'))).toBe(true);
    expect(t.isOutside(parseIp4('10.96.3.4'))).toBe(false);
    expect(t.isOutside(parseIp4('192.168.16.3'))).toBe(true);
  });
});

describe('remoteNodeOf', () => {
  const remotes = [{ name: 'node-2', podSubnet: '10.1.2.0/24', ip: '192.168.16.2/24', vxlanIp: '192.168.30.2' }, { name: 'node-3', podSubnet: '10.1.3.0/24' }];
  it.each([
    ['10.1.2.77', 'node-2'], ['192.168.16.2', 'node-2'], ['192.168.30.2', 'node-2'], ['10.1.3.1', 'node-3'], ['10.1.1.2', undefined], ['192.168.16.3', undefined],
  ])('remoteNodeOf(%s) is %s', (ip, node) => {
    expect(remoteNodeOf(parseIp4(ip), remotes)).toBe(node);
  });
});
