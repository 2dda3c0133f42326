import { describe, expect, it } from 'vitest';
import type { CniRequest } from '../../../../../plugins/contiv/cni/cni-request.ts';
import { cniAddResult } from '../../../../../plugins/contiv/cni/cni-result.ts';
import { cniRoutes } from '../../../../../plugins/contiv/cni/cni-routes.ts';
import { PodIpExhaustedError } from '../../../../../plugins/contiv/errors.ts';

function service(calls: string[], fail?: Error) {
  return {
    add: async (r: CniRequest) => {
      calls.push(`add ${r.containerId}`);
      if (fail) throw fail;
      return cniAddResult(r.cniVersion, { ifName: r.ifName, netns: r.netns, mac: 'm', ip: '10.1.1.2', gateway: '10.1.1.1' });
    },
    del: async (r: CniRequest) => void calls.push(`del ${r.containerId}`),
    check: async (r: CniRequest) => void calls.push(`check ${r.containerId}`),
  };
}
const post = (_path: string, body: string): RequestInit => ({ method: 'POST', body, headers: { 'content-type': 'application/json' } });
const addBody = JSON.stringify({ containerId: 'c1', netns: '/var/run/netns/c1', ifName: 'eth0', args: 'K8S_POD_NAMESPACE=default;K8S_POD_NAME=web' });

describe('cniRoutes', () => {
  it('POST /add answers the CNI result', async () => {
    const calls: string[] = [];
    const res = await cniRoutes(service(calls)).request('/add', post('/add', addBody));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cniVersion: '1.0.0', ips: [{ address: '10.1.1.2/32' }] });
    expect(calls).toEqual(['add c1']);
  });

  it('POST /add answers a CNI decode error for malformed JSON', async () => {
    const res = await cniRoutes(service([])).request('/add', post('/add', '{"containerId": '));
    expect(res.status).toBe(400);
    const e = (await res.json()) as { code: number; msg: string };
    expect(e.code).toBe(6);
    expect(e.msg).toMatch(/^CNI ADD request: malformed JSON body: /);
  });

  it('POST /add answers a CNI error naming the missing field', async () => {
    const calls: string[] = [];
    const res = await cniRoutes(service(calls)).request('/add', post('/add', JSON.stringify({ containerId: 'c1', netns: '/n', ifName: 'eth0', args: 'K8S_POD_NAMESPACE=default', config: { cniVersion: '0.4.0' } })));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ cniVersion: '0.4.0', code: 4, msg: 'CNI ADD request args.K8S_POD_NAME: missing pod name (CNI_ARGS K8S_POD_NAME)', details: 'BAD_INPUT' });
    expect(calls).toEqual([]);
  });

  it('POST /add passes service errors on as CNI errors', async () => {
    const res = await cniRoutes(service([], new PodIpExhaustedError('10.1.1.0/30', 1))).request('/add', post('/add', addBody));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 100, details: 'POD_IP_EXHAUSTED' });
  });

  it('POST /del and /check answer {}', async () => {
    const calls: string[] = [];
    const app = cniRoutes(service(calls));
    expect(await (await app.request('/del', post('/del', JSON.stringify({ containerId: 'c1', ifName: 'eth0' })))).json()).toEqual({});
    expect((await app.request('/check', post('/check', addBody))).status).toBe(200);
    expect(calls).toEqual(['del c1', 'check c1']);
  });
});
