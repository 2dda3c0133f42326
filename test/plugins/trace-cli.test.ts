import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace, type TraceIo } from '../../cli/trace.ts';
import type { TraceResult } from '../../plugins/trace/trace-result.ts';
import { traceFixture, type TraceFixture } from './trace-fakes.ts';

let f: TraceFixture;
beforeAll(async () => {
  f = await traceFixture();
});
afterAll(async () => {
  await f.close();
});

interface Run {
  code: number;
  out: string[];
  err: string[];
  urls: string[];
}

/** Runs the command against the fixture agent, in-process (no port). */
async function run(argv: string[], reachable = true): Promise<Run> {
  const r: Run = { code: -1, out: [], err: [], urls: [] };
  const io: TraceIo = {
    fetch: async (url) => {
      r.urls.push(url);
      if (!reachable) throw new Error('connect ECONNREFUSED 127.0.0.1:9191');
      return f.agent.fetch(new Request(url));
    },
    out: (t) => void r.out.push(t),
    err: (t) => void r.err.push(t),
  };
  r.code = await runTrace(argv, io);
  return r;
}

describe('runTrace', () => {
  it('runTrace() prints the verdict, the deciding step marked with ">", its rule and the policy when denied', async () => {
    const r = await run(['--from', 'x/c', '--to', 'x/a', '--port', '80']);
    expect(r.code).toBe(0);
    expect(r.urls).toEqual(['http://127.0.0.1:9191/trace?from=x%2Fc&to=x%2Fa&port=80']);
    const lines = (r.out[0] ?? '').split('\n');
    expect(lines[0]).toBe('x/c → x/a TCP 80: DENIED (dropped) (traced on node-1, client port 40000)');
    expect(lines).toContain('opening packet:');
    const decided = lines.findIndex((l) => l.startsWith('>'));
    expect(lines[decided]).toMatch(/^> +\d+\. node-1 acl-output tap\d+ \(x\/a\) \[deny\]: contiv\/vpp-policy-\w+ rule \d+ DENY$/);
    expect(lines.slice(decided + 1, decided + 4)).toEqual([
      expect.stringMatching(/^ {7}packet [\d.]+:40000 → [\d.]+:80 TCP SYN$/),
      expect.stringMatching(/^ {7}rule: local table rule \d+: deny ANY any -> any$/),
      '       from: ingress isolation by x/only-b-to-a',
    ]);
    expect(lines).toContain('policies:');
    expect(lines.at(-1)).toBe('  x/only-b-to-a isolates x/a ingress: what no rule allows is denied');
    expect(r.err).toEqual([]);
  });

  it('runTrace() --output json prints the GET /trace document', async () => {
    const r = await run(['--from', 'x/b', '--to', 'x/a', '--port', '53', '--protocol', 'UDP', '--output', 'json', '--url', 'http://agent:1/']);
    expect(r.code).toBe(0);
    expect(r.urls).toEqual(['http://agent:1/trace?from=x%2Fb&to=x%2Fa&port=53&protocol=UDP']);
    const body = JSON.parse(r.out[0] ?? '') as TraceResult;
    expect(body).toMatchObject({ from: 'x/b', to: 'x/a', port: 53, protocol: 'UDP', allowed: false });
  });

  it('runTrace() exits 2 with the agent\'s message when the agent rejects a parameter', async () => {
    const r = await run(['--from', 'x/b', '--to', 'x/zz', '--port', '80']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['contiv-ts trace: GET /trace to: unknown pod x/zz']);
    expect(r.out).toEqual([]);
  });

  it('runTrace() exits 1 when the agent cannot be reached', async () => {
    const r = await run(['--from', 'x/b', '--to', 'x/a', '--port', '80'], false);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^contiv-ts trace: cannot read http:\/\/127\.0\.0\.1:9191\/trace\?.*: connect ECONNREFUSED/);
  });

  it.each([
    [['--to', 'x/a', '--port', '80'], '--from is required'],
    [['--from', 'x/b', '--to', 'x/a', '--port', '80', '--output', 'yaml'], '--output "yaml": expected text or json'],
    [['--from', 'x/b', '--bogus'], "Unknown option '--bogus'"],
  ])('runTrace(%j) exits 2 with usage', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(message);
    expect(r.err[0]).toContain('usage: contiv-ts trace');
    expect(r.urls).toEqual([]);
  });
});
