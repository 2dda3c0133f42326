import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { ip4Prefix } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type Route, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop: VppInterface = { name: 'l', type: 'loopback', enabled: true, ipAddresses: ['10.0.0.1/24'], vrf: 0 };
const r1: Route = { vrf: 0, dst: '10.2.0.0/16', nextHop: '10.0.0.2', outgoingInterface: 'l', weight: 1, preference: 0 };
const r2: Route = { ...r1, nextHop: '10.0.0.3' };
const put = (r: Route): [string, VppValue] => [vppKeys.route(r), r];

describe('routeDescriptor', () => {
  it('create() adds each path of one prefix; an idle resync keeps them; a foreign route is left alone', async () => {
    const t = await reconcilerOnSim();
    const desired: [string, VppValue][] = [[vppKeys.interface('l'), loop], put(r1), put(r2)];
    await t.commit(...desired);
    expect(t.sim.state.routes.map((r) => r.paths.length)).toEqual([2]);
    t.sim.handle(
      newRequest('ip_route_add_del', {
        is_add: true,
        route: { table_id: 0, stats_index: 0, prefix: ip4Prefix('10.9.0.0', 16), n_paths: 1, paths: [pathVia()] },
      }),
    );
    t.ch.clear();
    const r = await t.resync(desired);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-route')?.foreign).toEqual([expect.stringContaining('10.9.0.0/16')]);
    t.ch.clear();
    await t.commit([vppKeys.route(r2)]);
    expect(t.changes()).toEqual(['ip_route_add_del']);
    expect(t.sim.state.routes.find((x) => x.len === 16 && x.paths.length === 1)).toBeDefined();
  });

  it('validate() wants the destination written as its network', async () => {
    const t = await reconcilerOnSim();
    const bad: Route = { ...r1, dst: '10.2.3.4/16' };
    const r = await t.commit(put(bad));
    expect(r?.invalid[0]?.error).toMatchObject({ field: 'dst', detail: expect.stringContaining('10.2.0.0/16') });
  });
});

function pathVia() {
  return {
    sw_if_index: 0xffffffff,
    table_id: 0,
    rpf_id: 0,
    weight: 1,
    preference: 0,
    type: 0,
    flags: 0,
    proto: 0,
    nh: { address: { ip4: [10, 0, 0, 9] as const }, via_label: 0, obj_id: 0, classify_table_index: 0xffffffff },
    n_labels: 0,
    label_stack: [],
  };
}
