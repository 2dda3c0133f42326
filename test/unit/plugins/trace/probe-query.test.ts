import { describe, expect, it } from 'vitest';
import { badInputOf } from '../../../fakes/bad-input.ts';
import { parsePort, parseProbeQuery, parseProtocol } from '../../../../plugins/trace/probe-query.ts';

function badField(run: () => unknown): { field: string; detail: string } {
  const { field, detail } = badInputOf(run);
  return { field, detail };
}

describe('parseProbeQuery', () => {
  it('parseProbeQuery() returns a probe spec with TCP when no protocol is given', () => {
    expect(parseProbeQuery({ from: 'x/a', to: 'svc:x/web', port: '8080' })).toEqual({ from: 'x/a', to: 'svc:x/web', port: 8080, protocol: 'TCP' });
  });

  it('parseProbeQuery() accepts every endpoint form and a lower-case protocol', () => {
    expect(parseProbeQuery({ from: 'node:node-1', to: 'ip:8.8.8.8', port: '53', protocol: 'udp' })).toEqual({ from: 'node:node-1', to: 'ip:8.8.8.8', port: 53, protocol: 'UDP' });
    expect(parseProbeQuery({ from: 'ip:1.2.3.4', to: 'node:node-2', port: '30080', protocol: 'SCTP' }).protocol).toBe('SCTP');
  });

  it.each([
    [{ to: 'x/b', port: '80' }, 'from', 'missing'],
    [{ from: '', to: 'x/b', port: '80' }, 'from', 'missing'],
    [{ from: 'x/a', port: '80' }, 'to', 'missing'],
    [{ from: 'x/a', to: 'x/b' }, 'port', 'missing'],
    [{ from: 'x/a', to: 'x/b', port: '80', extra: '1' }, 'extra', 'unknown parameter; expected from, to, port, protocol'],
    [{ from: 'svc:x/web', to: 'x/b', port: '80' }, 'from', 'cannot start at a Service'],
    [{ from: 'x/a', to: 'ip:1.2.3', port: '80' }, 'to', 'is not an IPv4 address'],
    [{ from: 'x/a/b', to: 'x/b', port: '80' }, 'from', 'is not a pod reference'],
    [{ from: 'x/a', to: 'x/b', port: '80', protocol: 'icmp' }, 'protocol', 'expected TCP, UDP or SCTP'],
  ])('parseProbeQuery(%j) throws naming %s', (query, field, detail) => {
    const e = badField(() => parseProbeQuery(query));
    expect(e.field).toBe(field);
    expect(e.detail).toContain(detail);
  });
});

describe('parsePort', () => {
  it.each(['1', '80', '65535'])('parsePort() accepts %s', (text) => {
    expect(parsePort('q', 'port', text)).toBe(Number(text));
  });

  it.each(['0', '65536', '-1', '8.5', '80a', ' 80', '0x50'])('parsePort() rejects "%s"', (text) => {
    expect(badField(() => parsePort('q', 'port', text))).toEqual({ field: 'port', detail: `"${text}" is not a port number 1..65535` });
  });
});

describe('parseProtocol', () => {
  it('parseProtocol() defaults to TCP and normalises case', () => {
    expect(parseProtocol('q', 'protocol', undefined)).toBe('TCP');
    expect(parseProtocol('q', 'protocol', 'sctp')).toBe('SCTP');
  });
});
