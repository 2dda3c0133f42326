import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../../core/errors.ts';
import { decodePodRecord, encodePodRecord, podRecordKey } from '../../../../../plugins/contiv/pod/pod-record.ts';

const rec = { id: { namespace: 'default', name: 'web-1' }, containerId: 'c1', netns: '/var/run/netns/c1', ifName: 'eth0', ip: '10.1.1.2' };

describe('pod records', () => {
  it('podRecordKey() lives under the node\'s own prefix', () => {
    expect(podRecordKey('n1', rec.id)).toBe('/vnf-agent/n1/contiv/pod/default/web-1');
  });

  it('decodePodRecord() round-trips encodePodRecord()', () => {
    const key = podRecordKey('n1', rec.id);
    expect(decodePodRecord('n1', key, encodePodRecord(rec))).toEqual(rec);
    // An older record's guessed app-namespace index is ignored (VPP numbers namespaces).
    expect(decodePodRecord('n1', key, JSON.stringify({ ...rec, appNsIndex: 3 }))).toEqual(rec);
  });

  it('decodePodRecord() names key and field of bad records', () => {
    const key = podRecordKey('n1', rec.id);
    expect(() => decodePodRecord('n1', key, '{"containerId":"c"}')).toThrow(BadInputError);
    expect(() => decodePodRecord('n1', key, JSON.stringify({ ...rec, ip: '10.1.1' }))).toThrow(`${key} ip: "10.1.1" is not an IPv4 address`);
    expect(() => decodePodRecord('n1', key, JSON.stringify({ ...rec, netns: '' }))).toThrow(`${key} netns: expected a non-empty string`);
    expect(() => decodePodRecord('n1', '/vnf-agent/n1/contiv/pod/x', encodePodRecord(rec))).toThrow(/expected a key/);
    expect(() => decodePodRecord('n1', key, 'nope')).toThrow(/not valid JSON/);
  });
});
