import { describe, expect, it } from 'vitest';
import { formatIp4 } from '../../../../../../plugins/net/ipv4.ts';
import type { VppOutgoing } from '../../../../../../plugins/vpp/messages/message-map.ts';
import { ip4Path, newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { NatConfigFlags as F } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { ip4FromBytes, ip4Prefix, prefixToText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type NatReject, type NatStaticMapping, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { REJECT_ROUTE_PREFERENCE } from '../../../../../../plugins/vpp/config/descriptors/nat-reject-realisation.ts';
import { NAT_ON, natReconcilerOnSim, reconcilerOnSim, type ReconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';
import { newNatSim } from '../../../../../fakes/vpp-sim-call.ts';

const reject = (r: Partial<NatReject> = {}): [string, VppValue] => {
  const v: NatReject = { ip: '192.168.16.1', protocol: 6, port: 30080, action: 'reject', tag: 'svc:default/web:80', ...r };
  return [vppKeys.natReject(v.protocol, v.ip, v.port), v];
};
const whole = (r: Partial<NatReject> = {}): [string, VppValue] => reject({ ip: '10.96.0.10', protocol: 0, port: 0, tag: 'svc:default/web', ...r });

/** One line per changing message: what a reader of VPP's API trace would see. */
function said(m: VppOutgoing): string {
  switch (m._msgname) {
    case 'ip_route_add_del': {
      const p = m.route.paths[0];
      return `route ${m.is_add ? 'add' : 'del'} ${prefixToText(m.route.prefix)} type ${p?.type} multipath ${m.is_multipath}`;
    }
    case 'nat44_add_del_static_mapping':
      return `mapping ${m.is_add ? 'add' : 'del'} ${m.protocol}/${formatIp4(ip4FromBytes(m.external_ip_address))}:${m.external_port} → ${formatIp4(ip4FromBytes(m.local_ip_address))}:${m.local_port} flags ${m.flags} ${m.tag}`;
    default:
      return m._msgname;
  }
}

const changes = (t: ReconcilerOnSim): string[] => t.ch.changes().map(said);

describe('natRejectDescriptor', () => {
  it('create() realises a whole address as a /32 unreachable or drop route in VRF 0', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(whole(), whole({ ip: '10.96.0.11', action: 'drop' }));
    expect(changes(t)).toEqual(['route add 10.96.0.10/32 type 5 multipath false', 'route add 10.96.0.11/32 type 2 multipath false']);
    expect(t.sim.state.routes.map((r) => [formatIp4(r.prefix), r.len, r.paths.map((p) => p.type)])).toEqual([
      ['10.96.0.10', 32, [5]],
      ['10.96.0.11', 32, [2]],
    ]);
  });

  it('create() maps one port to the sink of its action, adding the sink route with the first value of that action', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(reject(), reject({ ip: '192.168.16.9' }), reject({ port: 30081, action: 'drop', tag: 'svc:default/local:81' }));
    expect(changes(t)).toEqual([
      'route add 0.0.0.1/32 type 5 multipath false',
      `mapping add 6/192.168.16.1:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      'route add 0.0.0.2/32 type 2 multipath false',
      `mapping add 6/192.168.16.1:30081 → 0.0.0.2:30081 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/local:81`,
      `mapping add 6/192.168.16.9:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
    ]);
  });

  it('delete() removes the mapping, and the sink route with the last value of its action', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(reject(), reject({ ip: '192.168.16.9' }), whole());
    t.ch.clear();
    await t.commit([reject()[0]]);
    expect(changes(t)).toEqual([`mapping del 6/192.168.16.1:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`]);
    t.ch.clear();
    await t.commit([reject({ ip: '192.168.16.9' })[0]], [whole()[0]]);
    expect(changes(t)).toEqual([
      'route del 10.96.0.10/32 type 5 multipath false',
      `mapping del 6/192.168.16.9:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      'route del 0.0.0.1/32 type 5 multipath false',
    ]);
    expect(t.sim.state.routes).toEqual([]);
    expect(t.sim.state.nat44.staticMappings).toEqual([]);
  });

  it('update() turns a reject into a drop: new sink route, mapping replaced, old sink route gone; a whole address re-adds its route', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(reject(), whole());
    t.ch.clear();
    await t.commit(reject({ action: 'drop' }), whole({ action: 'drop' }));
    expect(changes(t)).toEqual([
      'route add 10.96.0.10/32 type 2 multipath false',
      'route add 0.0.0.2/32 type 2 multipath false',
      `mapping del 6/192.168.16.1:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      `mapping add 6/192.168.16.1:30080 → 0.0.0.2:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      'route del 0.0.0.1/32 type 5 multipath false',
    ]);
    t.ch.clear();
    await t.commit(whole({ action: 'drop', tag: 'svc:default/web2' }));
    expect(changes(t)).toEqual([]);
  });

  it('dump() reads everything back (an idle resync sends no changing message) and the static-mapping and route dumps leave it alone', async () => {
    const t = await natReconcilerOnSim();
    const long = `svc:${'n'.repeat(20)}/${'s'.repeat(30)}:8443`;
    const desired = [reject(), reject({ port: 30081, action: 'drop' }), reject({ port: 30443, tag: long }), whole()];
    await t.commit(...desired);
    expect(t.sim.state.nat44.staticMappings.map((m) => m.tag.length)).toEqual([25, 25, 63]);
    t.ch.clear();
    const r = await t.resync([NAT_ON, ...desired]);
    expect(changes(t)).toEqual([]);
    expect(r.planned).toEqual([]);
    for (const d of ['vpp-nat-static', 'vpp-route', 'vpp-nat-reject']) expect(r.dumps?.find((x) => x.descriptor === d)?.foreign).toEqual([]);
    expect(r.dumps?.find((x) => x.descriptor === 'vpp-nat-reject')?.ours).toBe(4);
    expect(t.ch.names().filter((n) => n === 'nat44_static_mapping_dump' || n === 'ip_route_dump')).toEqual(['nat44_static_mapping_dump', 'ip_route_dump']);
  });

  it('dump() lets a resync remove stale values and a left-over sink route, restore a deleted sink route, and leave foreign routes and mappings alone', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(reject(), reject({ port: 30081, action: 'drop' }), whole(), whole({ ip: '10.96.0.12' }));
    const route = (prefix: string, type: number, isAdd: boolean) =>
      t.sim.handle(newRequest('ip_route_add_del', { is_add: isAdd, route: { table_id: 0, stats_index: 0, prefix: ip4Prefix(prefix, 32), n_paths: 1, paths: [ip4Path(undefined, 0xffffffff, { type })] } }));
    route('0.0.0.1', 5, false);
    route('10.50.0.1', 2, true);
    t.sim.handle(newRequest('nat44_add_del_static_mapping', { flags: F.NAT_IS_OUT2IN_ONLY, local_ip_address: [0, 0, 0, 1], external_ip_address: [10, 96, 0, 99], protocol: 6, local_port: 1, external_port: 1, tag: '' }));
    t.ch.clear();
    const r = await t.resync([NAT_ON, reject(), whole()]);
    expect(changes(t)).toEqual([
      'route del 10.96.0.12/32 type 5 multipath false',
      `mapping del 6/192.168.16.1:30081 → 0.0.0.2:30081 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      'route del 0.0.0.2/32 type 2 multipath false',
      'route add 0.0.0.1/32 type 5 multipath false',
    ]);
    expect(r.dumps?.find((x) => x.descriptor === 'vpp-nat-reject')?.foreign).toEqual(['route 10.50.0.1/32 drop']);
    expect(r.dumps?.find((x) => x.descriptor === 'vpp-nat-static')?.foreign).toEqual(['nat44 static mapping 6/10.96.0.99:1']);
    // A sink route whose mappings are gone (an interrupted delete) is removed by the next resync.
    await t.commit([reject()[0]]);
    route('0.0.0.1', 5, true);
    t.ch.clear();
    await t.resync([NAT_ON, whole()]);
    expect(changes(t)).toEqual(['route del 0.0.0.1/32 type 5 multipath false']);
  });

  it('dump() of a restarted agent removes its unwanted whole-address routes by their mark and leaves other special /32 routes alone', async () => {
    const first = await natReconcilerOnSim();
    await first.commit(whole(), whole({ ip: '10.96.0.12', action: 'drop' }));
    expect(first.sim.state.routes.map((r) => r.paths.map((p) => p.preference))).toEqual([[REJECT_ROUTE_PREFERENCE], [REJECT_ROUTE_PREFERENCE]]);
    const add = (prefix: string, paths: ReturnType<typeof ip4Path>[]) =>
      first.sim.handle(newRequest('ip_route_add_del', { is_add: true, is_multipath: false, route: { table_id: 0, stats_index: 0, prefix: ip4Prefix(prefix, 32), n_paths: paths.length, paths } }));
    // Not ours: unmarked (even inside the service range), or more than one path.
    add('10.96.0.50', [ip4Path(undefined, 0xffffffff, { type: 5 })]);
    add('10.96.0.51', [ip4Path(undefined, 0xffffffff, { type: 5, preference: REJECT_ROUTE_PREFERENCE }), ip4Path('192.168.16.100', 1, { preference: REJECT_ROUTE_PREFERENCE })]);
    const t = await reconcilerOnSim(first.sim);
    const r = await t.resync([NAT_ON, whole()]);
    expect(changes(t)).toEqual(['route del 10.96.0.12/32 type 2 multipath false']);
    expect(r.dumps?.find((x) => x.descriptor === 'vpp-nat-reject')?.foreign).toEqual(['route 10.96.0.50/32 unreachable']);
    expect(t.sim.state.routes.map((r) => `${formatIp4(r.prefix)}/${r.len} ${r.paths.length}`)).toEqual(['10.96.0.10/32 1', '10.96.0.50/32 1', '10.96.0.51/32 2']);
  });

  it('dump() marks a wanted whole-address route that lacks the mark, so a later restart recognises it', async () => {
    const sim = newNatSim();
    sim.handle(newRequest('ip_route_add_del', { is_add: true, is_multipath: false, route: { table_id: 0, stats_index: 0, prefix: ip4Prefix('10.96.0.10', 32), n_paths: 1, paths: [ip4Path(undefined, 0xffffffff, { type: 5 })] } }));
    const t = await reconcilerOnSim(sim);
    await t.resync([NAT_ON, whole()]);
    expect(changes(t)).toEqual(['route add 10.96.0.10/32 type 5 multipath false']);
    expect(sim.state.routes.map((r) => r.paths.map((p) => [p.type, p.preference]))).toEqual([[[5, REJECT_ROUTE_PREFERENCE]]]);
    t.ch.clear();
    await t.resync([NAT_ON, whole()]);
    expect(changes(t)).toEqual([]);
  });

  it('dump() repairs an altered mapping by replacing it', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(reject());
    const m = t.sim.state.nat44.staticMappings[0]!;
    t.sim.state.nat44.staticMappings[0] = { ...m, locals: [{ ...m.locals[0]!, port: 1 }] };
    t.ch.clear();
    await t.resync([NAT_ON, reject()]);
    expect(changes(t)).toEqual([
      'route add 0.0.0.1/32 type 5 multipath false',
      `mapping del 6/192.168.16.1:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
      `mapping add 6/192.168.16.1:30080 → 0.0.0.1:30080 flags ${F.NAT_IS_OUT2IN_ONLY} reject:svc:default/web:80`,
    ]);
    expect(t.sim.state.nat44.staticMappings[0]?.locals[0]?.port).toBe(30080);
  });

  it.each([
    [{ ip: '0.0.0.7' }, 'ip'],
    [{ protocol: 0 as const }, 'port'],
    [{ ip: '10.96.0.10', protocol: 0 as const, port: 0, tag: '' }, 'tag'],
  ])('validate() rejects %j (field %s)', async (bad, field) => {
    const t = await natReconcilerOnSim();
    const r = await t.commit(reject(bad));
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field });
  });

  it('validate() of the static-mapping kind keeps the reject: tags to this kind', async () => {
    const t = await natReconcilerOnSim();
    const m: NatStaticMapping = { externalIp: '10.96.0.10', externalPort: 80, protocol: 6, locals: [{ ip: '10.1.1.2', port: 80, probability: 1 }], out2inOnly: true, twiceNat: 'self', affinity: 0, vrf: 0, tag: 'reject:x' };
    const r = await t.commit([vppKeys.natStatic(6, '10.96.0.10', 80), m]);
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field: 'tag' });
  });
});
