/**
 * @module Benchmark (not a test): probes per second of the packet tracer on a two-node cluster
 * with 100 pods, 100 ACLs (a local table per pod on its tap, the reflective ACL, a global table
 * on the node's outbound interfaces) and 20 load-balanced services. Mixed probes: pod → pod on
 * the same node and across VXLAN, pod → ClusterIP, pod → Internet (SNAT).
 *
 * Run: `npx deno run -P --quiet bench/tracer.ts [probes]` — prints one JSON line.
 */
import { probe, type ProbeRequest } from '../plugins/vpp/sim/tracer/probe.ts';
import { contivCluster, ip } from '../test/fakes/sim-state-builder.ts';

const PODS_PER_NODE = 50;
const SERVICES = 20;
const probes = Number(globalThis.process?.argv?.[2] ?? (globalThis as { Deno?: { args: string[] } }).Deno?.args[0] ?? 5000);

const podNumbers = Array.from({ length: PODS_PER_NODE }, (_, i) => i + 2);
const c = contivCluster([{ name: 'node1', id: 1, pods: podNumbers }, { name: 'node2', id: 2, pods: podNumbers }], { seed: 11 });
let acls = 0;
for (const n of Object.values(c.nodes)) {
  const reflect = n.b.acl('contiv/vpp-policy-REFLECTION', [{ action: 'reflect', proto: 6 }, { action: 'reflect', proto: 17 }]);
  acls++;
  const global = n.b.acl('contiv/vpp-policy-NODE-GLOBAL', [
    ...Array.from({ length: 20 }, (_, i) => ({ action: 'deny' as const, src: `10.1.${n.id}.${i + 2}/32`, proto: 6, dstPorts: 6000 + i })),
    { action: 'permit', proto: 6 }, { action: 'permit', proto: 17 },
  ]);
  acls++;
  for (const i of [n.nic, n.bvi, n.hostTap]) n.b.aclOn(i, { input: [reflect], output: [global] });
  for (const [podIp, tap] of n.pods) {
    const local = n.b.acl(`contiv/vpp-policy-${podIp}`, [
      ...Array.from({ length: 8 }, (_, k) => ({ action: 'deny' as const, src: `10.1.${(k % 2) + 1}.${k + 40}/32`, proto: 6 })),
      { action: 'permit', src: '10.1.0.0/16', proto: 6, dstPorts: [80, 8080] },
      { action: 'permit', proto: 17 },
    ]);
    acls++;
    n.b.aclOn(tap, { input: [reflect], output: [local] });
  }
  for (let s = 0; s < SERVICES; s++) {
    n.b.natMapping({
      external: `10.96.0.${s + 10}:80`, tag: `svc:bench/s${s}:http`,
      locals: [{ ip: `10.1.1.${s + 2}`, port: 8080 }, { ip: `10.1.2.${s + 2}`, port: 8080 }],
    });
  }
}

const requests: ProbeRequest[] = [];
for (let i = 0; i < probes; i++) {
  const from = `10.1.1.${(i % PODS_PER_NODE) + 2}`;
  const kind = i % 4;
  const to = kind === 0 ? `10.1.1.${((i + 7) % PODS_PER_NODE) + 2}` : kind === 1 ? `10.1.2.${((i + 3) % PODS_PER_NODE) + 2}` : kind === 2 ? `10.96.0.${(i % SERVICES) + 10}` : '8.8.8.8';
  requests.push({ from: { kind: 'pod', node: 'node1', ip: ip(from) }, to: ip(to), protocol: kind === 3 ? 'UDP' : 'TCP', dstPort: kind === 3 ? 53 : 80 });
}

let allowed = 0;
const start = performance.now();
for (const r of requests) {
  if (probe(c.world, r).allowed) allowed++;
  c.clock.advance(10);
}
const ms = performance.now() - start;
const sessions = Object.values(c.nodes).reduce((s, n) => s + n.b.state.nat44.sessions.length + n.b.state.aclSessions.length, 0);
console.log(JSON.stringify({
  bench: 'tracer-probes', pods: 2 * PODS_PER_NODE, acls, services: SERVICES, probes, allowed,
  ms: Math.round(ms), probesPerSecond: Math.round(probes / (ms / 1000)), sessionsAtEnd: sessions,
}));
