import { describe, expect, it } from 'vitest';
import { frontendSlot, NAT_PROTOCOL } from '../../../../plugins/service/nat-claim.ts';

describe('frontendSlot', () => {
  it('frontendSlot() names protocol number, address and port; NAT_PROTOCOL maps Kubernetes protocols to IP protocol numbers', () => {
    expect(frontendSlot(NAT_PROTOCOL.TCP, '10.96.0.10', 80)).toBe('6/10.96.0.10/80');
    expect([NAT_PROTOCOL.UDP, NAT_PROTOCOL.SCTP]).toEqual([17, 132]);
    expect(frontendSlot(0, '10.96.0.10', 0)).toBe('0/10.96.0.10/0');
  });
});
