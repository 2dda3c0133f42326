import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('af_packet handlers', () => {
  it('af_packet_create names the interface host-<name> and af_packet_dump lists it', () => {
    const sim = newSim();
    const r = call(sim, 'af_packet_create', { host_if_name: 'vpp1' });
    expect(r.retval).toBe(0);
    expect(sim.state.interfaces.get(r.sw_if_index)).toMatchObject({ name: 'host-vpp1', type: 'af_packet', afPacket: { hostIfName: 'vpp1' } });
    expect(dumpOf(sim, 'af_packet_dump')).toEqual([{ _msgname: 'af_packet_details', sw_if_index: r.sw_if_index, host_if_name: 'vpp1' }]);
  });

  it('af_packet_create on a host interface already bound fails with IF_ALREADY_EXISTS and returns the existing index', () => {
    const sim = newSim();
    const first = call(sim, 'af_packet_create', { host_if_name: 'vpp1' });
    expect(call(sim, 'af_packet_create', { host_if_name: 'vpp1' })).toMatchObject({ retval: E.IF_ALREADY_EXISTS, sw_if_index: first.sw_if_index });
  });

  it('af_packet_delete removes by host name and fails with SYSCALL_ERROR_1 for an unknown one', () => {
    const sim = newSim();
    call(sim, 'af_packet_create', { host_if_name: 'vpp1' });
    expect(call(sim, 'af_packet_delete', { host_if_name: 'vpp1' }).retval).toBe(0);
    expect(dumpOf(sim, 'af_packet_dump')).toEqual([]);
    expect(call(sim, 'af_packet_delete', { host_if_name: 'vpp1' }).retval).toBe(E.SYSCALL_ERROR_1);
  });
});
