import { describe, expect, it } from 'vitest';
import { defaultVppTransport } from '../../../cluster/cluster-options.ts';

describe('defaultVppTransport', () => {
  it('defaultVppTransport() is socket when CONTIV_E2E_VPP=socket', () => {
    expect(defaultVppTransport({ CONTIV_E2E_VPP: 'socket' })).toBe('socket');
  });

  it('defaultVppTransport() is sim when the variable is absent or names anything else', () => {
    expect(defaultVppTransport({})).toBe('sim');
    expect(defaultVppTransport({ CONTIV_E2E_VPP: 'sim' })).toBe('sim');
    expect(defaultVppTransport({ CONTIV_E2E_VPP: 'SOCKET' })).toBe('sim');
  });
});
