import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../../core/errors.ts';
import { CNI_CODES, cniAddResult, cniErrorFor, httpStatusFor } from '../../../../../plugins/contiv/cni/cni-result.ts';
import { ContivNotReadyError, PodIpExhaustedError } from '../../../../../plugins/contiv/errors.ts';

const facts = { ifName: 'eth0', netns: '/var/run/netns/x', mac: '02:fd:00:00:00:01', ip: '10.1.1.2', gateway: '10.1.1.1' };

describe('CNI results', () => {
  it('cniAddResult() follows CNI 1.0', () => {
    expect(cniAddResult('1.0.0', facts)).toEqual({
      cniVersion: '1.0.0',
      interfaces: [{ name: 'eth0', mac: '02:fd:00:00:00:01', sandbox: '/var/run/netns/x' }],
      ips: [{ address: '10.1.1.2/32', gateway: '10.1.1.1', interface: 0 }],
      routes: [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }],
      dns: {},
    });
  });

  it('cniAddResult() adds the IP version for 0.x results', () => {
    expect(cniAddResult('0.3.1', facts).ips[0]).toEqual({ version: '4', address: '10.1.1.2/32', gateway: '10.1.1.1', interface: 0 });
  });

  it('cniErrorFor() maps error classes to CNI codes', () => {
    expect(cniErrorFor(new PodIpExhaustedError('10.1.1.0/24', 253), '1.0.0')).toEqual({
      cniVersion: '1.0.0', code: CNI_CODES.IPAM_EXHAUSTED, msg: 'no free pod IP left in 10.1.1.0/24 (all 253 addresses are allocated)', details: 'POD_IP_EXHAUSTED',
    });
    expect(cniErrorFor(new ContivNotReadyError('wire a pod'), '1.0.0').code).toBe(11);
    expect(cniErrorFor(new BadInputError('x', 'y', 'z'), '1.0.0').code).toBe(4);
    expect(cniErrorFor(new Error('boom'), '0.4.0')).toEqual({ cniVersion: '0.4.0', code: CNI_CODES.INTERNAL, msg: 'boom' });
  });

  it('httpStatusFor() answers 400 for bad requests, 404 for unknown containers, 503 to retry', () => {
    expect([4, 6, 7, 3, 11, 100].map(httpStatusFor)).toEqual([400, 400, 400, 404, 503, 500]);
  });
});
