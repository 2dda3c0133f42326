import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { formatIp4 } from '../../plugins/net/ipv4.ts';
import type { SimState } from '../../plugins/vpp/sim/sim-state.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, pod, service, type Json } from './k8s-manifests.ts';
import { replySource } from './service-expect.ts';

/**
 * Pods' access to the outside through SNAT, end to end on two nodes: a pod reaches an outside
 * host from its node's address and the answer finds it; traffic between pods of different
 * nodes (directly and through a ClusterIP) keeps the pod's address; a DHCP lease change moves
 * SNAT (pool address, identity mapping of the VXLAN port) to the new address at run time; in
 * L2 mode nothing is SNATed.
 */
const OBJECTS: Json[] = [
  namespace('default'),
  pod('default/a', { node: 'node-1', labels: { app: 'a' }, ports: [{ containerPort: 80 }] }),
  pod('default/b', { node: 'node-2', labels: { app: 'b' }, ports: [{ containerPort: 80 }] }),
  service('default/b', { selector: { app: 'b' }, ports: [{ port: 8000, targetPort: 80 }] }),
];
const tcp = (from: string, to: string, port: number): ProbeSpec => ({ from, to, port, protocol: 'TCP' });
const OUT: ProbeSpec[] = [tcp('default/a', 'ip:8.8.8.8', 443), tcp('default/b', 'ip:8.8.8.8', 443), { ...tcp('default/a', 'ip:1.1.1.1', 53), protocol: 'UDP' }];
const ACROSS: ProbeSpec[] = [tcp('default/a', 'default/b', 80), tcp('default/b', 'default/a', 80), tcp('default/a', 'svc:default/b', 8000)];

/** The NAT44 pool (non twice-NAT addresses), the SNAT output interfaces and the identity mappings of a node. */
function snatOf(state: SimState): { pool: string[]; outputInterfaces: number; identities: string[] } {
  return {
    pool: state.nat44.addresses.filter((a) => !a.twiceNat).map((a) => formatIp4(a.ip)),
    outputInterfaces: state.nat44.outputInterfaces.size,
    identities: state.nat44.identityMappings.map((m) => `${m.protocol}/${formatIp4(m.ip)}/${m.port}`),
  };
}

let c: CheckedCluster | undefined;
afterEach(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
  c = undefined;
});

describe('SNAT of pods through the cluster', () => {
  it('probe() lets pods reach outside hosts from their node\'s address and the answer find them; inter-node traffic keeps pod addresses', async () => {
    c = await CheckedCluster.create();
    await c.step(OBJECTS);
    const out = c.probe(OUT);
    expect(out.map((r) => [r.allowed, r.sourceIP, replySource(r)])).toEqual([
      [true, c.nodeAddress('node-1'), '8.8.8.8:443'], [true, c.nodeAddress('node-2'), '8.8.8.8:443'], [true, c.nodeAddress('node-1'), '1.1.1.1:53'],
    ]);
    const across = c.probe(ACROSS);
    expect(across.map((r) => [r.allowed, r.backend, r.sourceIP])).toEqual([
      [true, 'default/b', c.ip('default/a')], [true, 'default/a', c.ip('default/b')], [true, 'default/b', c.ip('default/a')],
    ]);
  });

  it('offerLease() moves SNAT to the new DHCP address at run time; pods keep reaching the outside and each other', async () => {
    c = await CheckedCluster.create({ dhcp: true });
    await c.step(OBJECTS);
    const first = c.nodeAddress('node-1');
    const sim = c.cluster.node('node-1')!.sim;
    expect(c.probe([OUT[0]!])[0]).toMatchObject({ allowed: true, sourceIP: first });
    expect(snatOf(sim.state)).toMatchObject({ pool: [first], identities: [`17/${first}/4789`] });

    await c.cluster.offerLease('node-1', '192.168.16.31');
    expect(snatOf(sim.state)).toMatchObject({ pool: ['192.168.16.31'], outputInterfaces: 1, identities: ['17/192.168.16.31/4789'] });
    const [out, ...across] = c.probe([OUT[0]!, ...ACROSS]);
    expect([out!.allowed, out!.sourceIP, replySource(out!)]).toEqual([true, '192.168.16.31', '8.8.8.8:443']);
    expect(across.map((r) => [r.allowed, r.sourceIP])).toEqual([[true, c.ip('default/a')], [true, c.ip('default/b')], [true, c.ip('default/a')]]);
  });

  it('probe() shows no SNAT in L2 mode: the outside sees the pod address, nodes carry no SNAT pool or output feature', async () => {
    c = await CheckedCluster.create({ l2Interconnect: true });
    await c.step(OBJECTS);
    for (const n of c.cluster.nodes()) expect(snatOf(n.sim.state)).toMatchObject({ pool: [], outputInterfaces: 0 });
    const out = c.probe(OUT);
    // The answer is then addressed to the pod; the simulated gateway has no route back to pod subnets.
    expect(out.map((r) => [r.backend, r.sourceIP])).toEqual([['ip:8.8.8.8', c.ip('default/a')], ['ip:8.8.8.8', c.ip('default/b')], ['ip:1.1.1.1', c.ip('default/a')]]);
    const across = c.probe(ACROSS);
    expect(across.map((r) => [r.allowed, r.backend, r.sourceIP])).toEqual([
      [true, 'default/b', c.ip('default/a')], [true, 'default/a', c.ip('default/b')], [true, 'default/b', c.ip('default/a')],
    ]);
  });
});
