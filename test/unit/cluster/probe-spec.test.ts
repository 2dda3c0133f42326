import { describe, expect, it } from 'vitest';
import { badInputOf } from '../../fakes/bad-input.ts';
import { parseProbeSpecs, parseToRef, resolveProbe, type NodeTarget, type PodTarget, type ProbeTargets, type ServiceTarget } from '../../../cluster/probe-spec.ts';
import { parseCidr, parseIp4, cidrContains } from '../../../plugins/net/ipv4.ts';

const pods: Record<string, PodTarget> = {
  'x/a': { node: 'node-1', ip: '10.1.1.2', hostNetwork: false },
  'x/h': { node: 'node-2', hostNetwork: true },
  'x/p': { node: 'node-1', hostNetwork: false },
};
const nodes: Record<string, NodeTarget> = { 'node-1': { address: '192.168.16.1' }, 'node-2': { address: '192.168.16.2' } };
const services: Record<string, ServiceTarget> = { 'x/web': { clusterIP: '10.96.0.10' }, 'x/headless': { clusterIP: 'None' } };
const targets: ProbeTargets = {
  pod: (ns, name) => pods[`${ns}/${name}`],
  node: (name) => nodes[name],
  service: (ns, name) => services[`${ns}/${name}`],
  isOutside: (ip) => !['10.0.0.0/8', '192.168.16.0/24', '172.30.0.0/16'].some((c) => cidrContains(parseCidr(c), ip)),
};

const error = badInputOf;

describe('parseProbeSpecs', () => {
  it('parseProbeSpecs() keeps the given fields when probes are valid', () => {
    const specs = parseProbeSpecs({ probes: [{ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'TCP', attempts: 3 }] }, 'p.json');
    expect(specs).toEqual([{ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'TCP', attempts: 3 }]);
  });

  it.each([
    [[{ from: 'x/a', to: 'x/b', port: 0, protocol: 'TCP' }], 'probes[0].port'],
    [[{ from: 'x/a', to: 'x/b', port: 80, protocol: 'ICMP' }], 'probes[0].protocol'],
    [[{ from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP', colour: 1 }], 'probes[0]'],
    [[{ from: 'svc:x/web', to: 'x/b', port: 80, protocol: 'TCP' }], 'probes[0].from'],
    [[{ from: 'x/a', to: 'ip:10.300.0.1', port: 80, protocol: 'TCP' }], 'probes[0].to'],
    [{ nope: [] }, 'probes'],
  ])('parseProbeSpecs() names the field when a probe is bad (%j)', (json, field) => {
    const err = error(() => parseProbeSpecs(json, 'p.json'));
    expect(err.source).toBe('p.json');
    expect(err.field).toBe(field);
  });
});

describe('parseToRef', () => {
  it.each([
    ['x/a', { kind: 'pod', namespace: 'x', name: 'a' }],
    ['svc:x/web', { kind: 'service', namespace: 'x', name: 'web' }],
    ['node:node-1', { kind: 'node', node: 'node-1' }],
    ['ip:8.8.8.8', { kind: 'ip', ip: parseIp4('8.8.8.8') }],
  ])('parseToRef() parses %s', (text, ref) => {
    expect(parseToRef(text, 'p')).toEqual(ref);
  });
});

describe('resolveProbe', () => {
  it('resolveProbe() resolves a pod to a service cluster IP', () => {
    const r = resolveProbe({ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'UDP', sourcePort: 40000 }, targets, 'probe 0');
    expect(r.request).toEqual({ from: { kind: 'pod', node: 'node-1', ip: parseIp4('10.1.1.2') }, to: parseIp4('10.96.0.10'), protocol: 'UDP', dstPort: 80, srcPort: 40000 });
    expect(r.attempts).toBe(1);
  });

  it('resolveProbe() sends from the node host when the source pod uses the host network', () => {
    const r = resolveProbe({ from: 'x/h', to: 'node:node-1', port: 30080, protocol: 'TCP' }, targets, 'probe 0');
    expect(r.request.from).toEqual({ kind: 'host', node: 'node-2', ip: parseIp4('192.168.16.2') });
    expect(r.request.to).toBe(parseIp4('192.168.16.1'));
  });

  it('resolveProbe() keeps enterAt for an outside source', () => {
    const r = resolveProbe({ from: 'ip:203.0.113.9', to: 'node:node-2', port: 30080, protocol: 'TCP', enterAt: 'node-2' }, targets, 'probe 0');
    expect(r.request.from).toEqual({ kind: 'outside', ip: parseIp4('203.0.113.9'), enterAt: 'node-2' });
  });

  it.each([
    [{ from: 'x/zz', to: 'x/a' }, 'from', 'unknown pod x/zz'],
    [{ from: 'x/p', to: 'x/a' }, 'from', 'pod x/p has no IP'],
    [{ from: 'node:nope', to: 'x/a' }, 'from', 'unknown node nope'],
    [{ from: 'ip:10.1.1.9', to: 'x/a' }, 'from', 'is not outside the cluster'],
    [{ from: 'x/a', to: 'svc:x/headless' }, 'to', 'has no IPv4 cluster IP'],
    [{ from: 'x/a', to: 'svc:x/gone' }, 'to', 'unknown service x/gone'],
    [{ from: 'x/a', to: 'x/b', enterAt: 'node-1' }, 'enterAt', 'only probes from an outside host'],
    [{ from: 'ip:8.8.8.8', to: 'x/a', enterAt: 'node-9' }, 'enterAt', 'unknown node node-9'],
  ])('resolveProbe() names the probe and field when a reference is wrong (%j)', (refs, field, detail) => {
    const err = error(() => resolveProbe({ port: 80, protocol: 'TCP', ...refs }, targets, 'probes.json probes[4]'));
    expect(err.source).toBe('probes.json probes[4]');
    expect(err.field).toBe(field);
    expect(err.detail).toContain(detail);
  });
});
