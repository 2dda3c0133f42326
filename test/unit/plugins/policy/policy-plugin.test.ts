import { describe, expect, it } from 'vitest';
import type { ContivApi } from '../../../../plugins/contiv/api.ts';
import { contivPolicyNode } from '../../../../plugins/policy/policy-plugin.ts';

describe('contivPolicyNode', () => {
  it('contivPolicyNode() counts the host interconnect and the pods\' gateway (twice-NAT address) as the node', () => {
    const contiv = {
      nodeAddresses: () => ['192.168.16.2', '172.30.2.1'],
      hostInterconnectHostIp: () => '172.30.2.2',
      podGateway: () => '10.1.2.1',
    } as Partial<ContivApi> as ContivApi;
    expect(contivPolicyNode(contiv).nodeAddresses()).toEqual(['192.168.16.2', '172.30.2.1', '172.30.2.2', '10.1.2.1']);
  });
});
