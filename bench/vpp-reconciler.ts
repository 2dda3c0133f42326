/**
 * @module Benchmark (not a test): operations per second of the VPP reconciler applying
 * 10 000 ACL rules in 100 ACLs on 100 interfaces against the simulator (in-process adapter and
 * channel, every message through the real code path). Phases: create everything in one
 * transaction (100 loopbacks, 100 ACLs, 100 ACL-on-interface bindings), an idle full resync
 * (dumps only), one changed rule in every ACL (100 in-place updates), then delete everything.
 *
 * Run: `npx deno run -P --quiet bench/vpp-reconciler.ts [acls] [rulesPerAcl] [interfacesPerAcl]` —
 * prints one JSON line. `interfacesPerAcl` > 1 applies each ACL on that many interfaces (each
 * binding re-sets the interface's whole ACL list, so this measures the list recomputation).
 */
import { SimAdapter } from '../plugins/vpp/adapters/sim-adapter.ts';
import { AdapterChannel } from '../plugins/vpp/channel.ts';
import { Reconciler } from '../plugins/vpp/config/reconciler.ts';
import type { TxnChange } from '../plugins/vpp/config/txn.ts';
import type { TxnRecord } from '../plugins/vpp/config/txn-record.ts';
import { vppDescriptors } from '../plugins/vpp/config/vpp-descriptors.ts';
import { vppKeys, type Acl, type AclRule, type VppInterface } from '../plugins/vpp/model.ts';
import { VppSimulator } from '../plugins/vpp/sim/vpp-simulator.ts';

const args = globalThis.process?.argv?.slice(2) ?? (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? [];
const ACLS = Number(args[0] ?? 100);
const RULES = Number(args[1] ?? 100);
const SPREAD = Number(args[2] ?? 1);

const sim = new VppSimulator({ node: 'bench' });
const adapter = new SimAdapter(sim);
const channel = new AdapterChannel(adapter);
await adapter.connect();
const calls = (): number => [...channel.counts().values()].reduce((a, b) => a + b, 0);
const rec = new Reconciler(vppDescriptors(channel), { countCalls: calls });

const rule = (a: number, r: number, port: number): AclRule => ({
  action: r % 10 === 9 ? 'deny' : 'permit',
  src: `10.${(a >> 8) & 255}.${a & 255}.${r}/32`,
  dst: '10.1.0.0/16',
  proto: r % 2 === 0 ? 6 : 17,
  srcPortFirst: 0,
  srcPortLast: 65535,
  dstPortFirst: port,
  dstPortLast: port,
});
const iface = (i: number): VppInterface => ({ name: `pod-${i}`, type: 'loopback', enabled: true, ipAddresses: [`10.2.${i >> 8}.${i & 255}/32`], vrf: 0 });
const acl = (a: number, port: number): Acl => ({
  name: `contiv/vpp-policy-${a}`,
  rules: Array.from({ length: RULES }, (_, r) => rule(a, r, r === 0 ? port : 1000 + r)),
  ingress: [],
  egress: Array.from({ length: SPREAD }, (_, k) => `pod-${(a + k) % ACLS}`),
});

const desired = (port: number): TxnChange[] => [
  ...Array.from({ length: ACLS }, (_, i) => ({ key: vppKeys.interface(`pod-${i}`), value: iface(i) })),
  ...Array.from({ length: ACLS }, (_, a) => ({ key: vppKeys.acl(`contiv/vpp-policy-${a}`), value: acl(a, port) })),
];

interface Phase {
  readonly ops: number;
  readonly failed: number;
  readonly calls: number;
  readonly ms: number;
  readonly opsPerSec: number;
}
async function phase(run: () => Promise<TxnRecord | undefined>): Promise<Phase> {
  const start = performance.now();
  const r = await run();
  const ms = performance.now() - start;
  const ops = r?.executed.length ?? 0;
  return { ops, failed: r?.executed.filter((o) => o.result !== 'ok').length ?? 0, calls: r?.calls ?? 0, ms: Math.round(ms * 10) / 10, opsPerSec: Math.round(ops / (ms / 1000)) };
}

const create = await phase(() => rec.commit(desired(80), { eventKind: 'bench' }));
const idle = await phase(() => rec.resync(desired(80).map((c) => ({ key: c.key, value: c.value })), { eventKind: "bench-resync" }));
const update = await phase(() => rec.commit(desired(443).filter((c) => c.key.startsWith('vpp/acl/')), { eventKind: 'bench' }));
const remove = await phase(() => rec.commit(desired(443).map((c) => ({ key: c.key })), { eventKind: 'bench' }));
const rules = ACLS * RULES;
console.log(
  JSON.stringify({
    bench: 'vpp-reconciler',
    acls: ACLS,
    rulesPerAcl: RULES,
    interfaces: ACLS,
    bindings: ACLS * SPREAD,
    rules,
    create: { ...create, rulesPerSec: Math.round(rules / (create.ms / 1000)) },
    idleResync: { changingOps: idle.ops, calls: idle.calls, ms: idle.ms },
    update: { ...update, rulesPerSec: Math.round(rules / (update.ms / 1000)) },
    delete: remove,
  }),
);
await adapter.disconnect();
