import { describe, expect, it } from 'vitest';
import { call, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('vpe handlers', () => {
  it('show_version reports program vpe and the simulated release', () => {
    expect(call(newSim({ version: '22.10-release' }), 'show_version')).toMatchObject({ retval: 0, program: 'vpe', version: '22.10-release' });
  });

  it('control_ping answers with retval 0 and the simulated pid', () => {
    expect(call(newSim({ pid: 77 }), 'control_ping')).toEqual({ _msgname: 'control_ping_reply', retval: 0, client_index: 0, vpe_pid: 77 });
  });
});
