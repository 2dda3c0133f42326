import { describe, expect, it } from 'vitest';
import { runCni, type CniIo } from '../../../cli/cni.ts';

interface Run {
  code: number;
  out: string;
  err: string;
  requests: { url: string; body: unknown }[];
}

async function run(env: Record<string, string>, stdin: string, answer?: (body: unknown) => Response | Promise<Response>, argv: string[] = []): Promise<Run> {
  let out = '';
  let err = '';
  const requests: { url: string; body: unknown }[] = [];
  const io: CniIo = {
    env,
    readStdin: async () => stdin,
    fetch: async (url, init) => {
      const body: unknown = JSON.parse(String(init.body));
      requests.push({ url, body });
      if (!answer) throw new Error('connect ECONNREFUSED 127.0.0.1:9191');
      return answer(body);
    },
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  };
  const code = await runCni(argv, io);
  return { code, out, err, requests };
}

const env = {
  CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'c1', CNI_NETNS: '/var/run/netns/c1', CNI_IFNAME: 'eth0',
  CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web',
};
const netconf = JSON.stringify({ cniVersion: '1.0.0', name: 'contiv', type: 'contiv-cni' });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('runCni', () => {
  it('runCni() forwards ADD to the agent and prints its result', async () => {
    const result = { cniVersion: '1.0.0', interfaces: [], ips: [{ address: '10.1.1.2/32', gateway: '10.1.1.1', interface: 0 }], routes: [], dns: {} };
    const r = await run(env, netconf, () => json(200, result));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(result);
    expect(r.requests).toEqual([{
      url: 'http://127.0.0.1:9191/cni/add',
      body: { containerId: 'c1', netns: '/var/run/netns/c1', ifName: 'eth0', args: env.CNI_ARGS, config: JSON.parse(netconf) },
    }]);
  });

  it('runCni() prints nothing for a successful DEL and tolerates an empty stdin', async () => {
    const r = await run({ ...env, CNI_COMMAND: 'DEL' }, '', () => json(200, {}));
    expect([r.code, r.out]).toEqual([0, '']);
    expect(r.requests[0]?.url).toBe('http://127.0.0.1:9191/cni/del');
  });

  it('runCni() passes the agent\'s CNI error on and exits 1', async () => {
    const e = { cniVersion: '1.0.0', code: 4, msg: 'CNI ADD request args.K8S_POD_NAME: missing pod name (CNI_ARGS K8S_POD_NAME)', details: 'BAD_INPUT' };
    const r = await run(env, netconf, () => json(400, e));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual(e);
  });

  it('runCni() answers VERSION without the agent', async () => {
    const r = await run({ CNI_COMMAND: 'VERSION' }, '');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ cniVersion: '1.0.0', supportedVersions: ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] });
    expect(r.requests).toEqual([]);
  });

  it('runCni() reports bad input as CNI errors', async () => {
    expect(JSON.parse((await run({ ...env, CNI_COMMAND: 'BOGUS' }, netconf)).out)).toMatchObject({ code: 4, msg: 'unsupported CNI_COMMAND "BOGUS" (expected ADD, DEL, CHECK or VERSION)' });
    expect(JSON.parse((await run({}, netconf)).out)).toMatchObject({ code: 4, msg: 'missing CNI_COMMAND' });
    const bad = await run(env, '{ not json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ code: 6, msg: expect.stringMatching(/^cannot decode the network configuration on stdin: /) });
  });

  it('runCni() answers "try again later" when the agent is unreachable', async () => {
    const r = await run(env, JSON.stringify({ cniVersion: '0.4.0' }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ cniVersion: '0.4.0', code: 11, msg: 'cannot reach the contiv agent at http://127.0.0.1:9191/cni/add: connect ECONNREFUSED 127.0.0.1:9191' });
  });

  it('runCni() takes the agent URL from the flag, then env, then the network config', async () => {
    const ok = () => json(200, {});
    const del = { ...env, CNI_COMMAND: 'DEL' };
    const conf = JSON.stringify({ cniVersion: '1.0.0', agentUrl: 'http://conf:1/' });
    expect((await run(del, conf, ok)).requests[0]?.url).toBe('http://conf:1/cni/del');
    expect((await run({ ...del, CONTIV_AGENT_URL: 'http://env:2' }, conf, ok)).requests[0]?.url).toBe('http://env:2/cni/del');
    expect((await run({ ...del, CONTIV_AGENT_URL: 'http://env:2' }, conf, ok, ['--agent-url', 'http://flag:3'])).requests[0]?.url).toBe('http://flag:3/cni/del');
    expect((await run(del, conf, ok, ['--bogus'])).code).toBe(2);
  });
});
