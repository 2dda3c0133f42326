import { describe, expect, it } from 'vitest';
import { CniRequestError, parseCniArgs, parseCniRequest } from '../../../../../plugins/contiv/cni/cni-request.ts';

const body = (over: Record<string, unknown> = {}) => ({
  containerId: 'abc123', netns: '/var/run/netns/abc', ifName: 'eth0',
  args: 'IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-1;K8S_POD_INFRA_CONTAINER_ID=abc123',
  config: { cniVersion: '1.0.0', name: 'contiv', type: 'contiv-cni' },
  ...over,
});

function failure(command: 'ADD' | 'DEL' | 'CHECK', b: unknown): { message: string; cniCode: number; field: string } {
  try {
    parseCniRequest(command, b);
  } catch (e: unknown) {
    if (e instanceof CniRequestError) return { message: e.message, cniCode: e.cniCode, field: e.field };
    throw e;
  }
  throw new Error('no error');
}

describe('parseCniRequest', () => {
  it('parseCniRequest() accepts a kubelet ADD with CNI_ARGS as a string', () => {
    expect(parseCniRequest('ADD', body())).toMatchObject({
      command: 'ADD', containerId: 'abc123', netns: '/var/run/netns/abc', ifName: 'eth0', cniVersion: '1.0.0',
      pod: { namespace: 'default', name: 'web-1' },
    });
  });

  it('parseCniRequest() accepts args as an object and defaults the version', () => {
    const r = parseCniRequest('ADD', body({ args: { K8S_POD_NAMESPACE: 'kube-system', K8S_POD_NAME: 'dns' }, config: undefined }));
    expect(r.pod).toEqual({ namespace: 'kube-system', name: 'dns' });
    expect(r.cniVersion).toBe('1.0.0');
  });

  it('parseCniRequest() reads the requested pod IP from CNI_ARGS IP= (ADD only; a prefix is ignored)', () => {
    expect(parseCniRequest('ADD', body({ args: 'K8S_POD_NAMESPACE=a;K8S_POD_NAME=b;IP=10.1.1.7/24' })).requestedIp).toBe('10.1.1.7');
    expect(parseCniRequest('ADD', body()).requestedIp).toBeUndefined();
    expect(parseCniRequest('DEL', body({ args: 'IP=10.1.1.7' })).requestedIp).toBeUndefined();
    expect(failure('ADD', body({ args: 'K8S_POD_NAMESPACE=a;K8S_POD_NAME=b;IP=10.1.300.7' }))).toMatchObject({ field: 'args.IP', cniCode: 4 });
  });

  it('parseCniRequest() rejects a missing pod name with a clear message', () => {
    expect(failure('ADD', body({ args: 'K8S_POD_NAMESPACE=default' }))).toEqual({
      message: 'CNI ADD request args.K8S_POD_NAME: missing pod name (CNI_ARGS K8S_POD_NAME)', cniCode: 4, field: 'args.K8S_POD_NAME',
    });
  });

  it('parseCniRequest() rejects namespace paths that are not absolute netns paths', () => {
    expect(failure('ADD', body({ netns: 'netns/abc' })).message).toMatch(/netns: "netns\/abc" is not a network namespace path/);
    expect(failure('ADD', body({ netns: '/var/run/../x' })).field).toBe('netns');
    expect(failure('ADD', body({ netns: '' })).message).toMatch(/missing network namespace path \(CNI_NETNS\)/);
  });

  it('parseCniRequest() lets DEL go without netns and pod', () => {
    expect(parseCniRequest('DEL', { containerId: 'abc', ifName: 'eth0' })).toMatchObject({ command: 'DEL', netns: '' });
    expect(parseCniRequest('DEL', { containerId: 'abc', ifName: 'eth0' }).pod).toBeUndefined();
  });

  it('parseCniRequest() validates container ID, interface name, types and version', () => {
    expect(failure('ADD', body({ containerId: '' })).message).toMatch(/missing container ID/);
    expect(failure('ADD', body({ containerId: 'a/b' })).field).toBe('containerId');
    expect(failure('ADD', body({ ifName: 'this-name-is-too-long' })).field).toBe('ifName');
    expect(failure('ADD', body({ containerId: 5 })).message).toMatch(/containerId: expected a string/);
    expect(failure('ADD', body({ config: { cniVersion: '0.2.0' } }))).toMatchObject({ cniCode: 1, field: 'config.cniVersion' });
    expect(failure('ADD', body({ config: 'x' }))).toMatchObject({ cniCode: 7 });
    expect(failure('ADD', [])).toMatchObject({ cniCode: 6 });
    expect(failure('ADD', body({ args: 'K8S_POD_NAMESPACE=Bad_NS;K8S_POD_NAME=x' })).field).toBe('args.K8S_POD_NAMESPACE');
  });

  it('parseCniArgs() drops pairs without exactly one =', () => {
    expect(parseCniArgs('A=1;B;C=2=3;D=')).toEqual({ A: '1', D: '' });
  });
});
