import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../core/errors.ts';
import { parseReachabilityQuery, reachability, sortedPorts, type ReachabilityPod } from '../../../../plugins/trace/reachability.ts';

const pods: ReachabilityPod[] = [
  { namespace: 'y', name: 'd', ip: '10.1.1.5', ports: [] },
  { namespace: 'x', name: 'b', ip: '10.1.1.3', ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }] },
  { namespace: 'x', name: 'a', ip: '10.1.1.2', ports: [{ port: 443, protocol: 'TCP' }] },
];

const calls: string[] = [];
const verdict = (from: string, to: string, port: number, protocol: string) => {
  calls.push(`${from}>${to}:${protocol}${port}`);
  return from === 'y/d' ? { allowed: false, failure: 'dropped' as const, reason: 'denied' } : { allowed: true, reason: 'ok' };
};

describe('reachability', () => {
  it('reachability() probes every ordered pair of distinct pods on the destination\'s declared ports, sorted, with 80/TCP for pods without ports', () => {
    calls.length = 0;
    const m = reachability('node-1', pods, verdict);
    expect(m.node).toBe('node-1');
    expect(m.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/a', 'x/b', 'y/d']);
    expect(m.pods[1]?.ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }]);
    expect(m.cells.map((c) => `${c.from}>${c.to}:${c.protocol}${c.port}`)).toEqual([
      'x/a>x/b:UDP53', 'x/a>x/b:TCP80', 'x/a>y/d:TCP80',
      'x/b>x/a:TCP443', 'x/b>y/d:TCP80',
      'y/d>x/a:TCP443', 'y/d>x/b:UDP53', 'y/d>x/b:TCP80',
    ]);
    expect(calls).toEqual(m.cells.map((c) => `${c.from}>${c.to}:${c.protocol}${c.port}`));
    expect(m.ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }]);
    expect(m.cells.at(-1)).toEqual({ from: 'y/d', to: 'x/b', port: 80, protocol: 'TCP', allowed: false, failure: 'dropped', reason: 'denied' });
    expect(m.cells[0]).toEqual({ from: 'x/a', to: 'x/b', port: 53, protocol: 'UDP', allowed: true, reason: 'ok' });
  });

  it('reachability() probes only the asked port when a query names one', () => {
    const m = reachability('node-1', pods, verdict, { only: { port: 8080, protocol: 'UDP' } });
    expect(m.cells).toHaveLength(6);
    expect(new Set(m.cells.map((c) => `${c.protocol}${c.port}`))).toEqual(new Set(['UDP8080']));
    expect(m.ports).toEqual([{ port: 8080, protocol: 'UDP' }]);
  });

  it('reachability() of no pods is empty', () => {
    expect(reachability('node-1', [], verdict)).toEqual({ node: 'node-1', pods: [], ports: [], cells: [] });
  });
});

describe('sortedPorts', () => {
  it('sortedPorts() sorts by port then protocol and drops duplicates', () => {
    expect(sortedPorts([{ port: 80, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }]))
      .toEqual([{ port: 53, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }]);
  });
});

describe('parseReachabilityQuery', () => {
  it('parseReachabilityQuery() reads an optional port with an optional protocol', () => {
    expect(parseReachabilityQuery({})).toEqual({});
    expect(parseReachabilityQuery({ port: '53', protocol: 'udp' })).toEqual({ only: { port: 53, protocol: 'UDP' } });
    expect(parseReachabilityQuery({ port: '80' })).toEqual({ only: { port: 80, protocol: 'TCP' } });
  });

  it.each([
    [{ protocol: 'TCP' }, 'protocol'],
    [{ port: 'http' }, 'port'],
    [{ port: '80', from: 'x/a' }, 'from'],
  ])('parseReachabilityQuery(%j) throws naming %s', (q, field) => {
    expect(() => parseReachabilityQuery(q)).toThrow(BadInputError);
    try {
      parseReachabilityQuery(q);
    } catch (err: unknown) {
      expect((err as BadInputError).field).toBe(field);
    }
  });
});
