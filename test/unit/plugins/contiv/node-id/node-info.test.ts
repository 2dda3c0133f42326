import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../../core/errors.ts';
import { ALLOCATED_IDS_PREFIX, decodeNodeInfo, encodeNodeInfo, nodeIdOfKey, nodeInfoKey } from '../../../../../plugins/contiv/node-id/node-info.ts';

describe('node registry entries', () => {
  it('nodeInfoKey() and nodeIdOfKey() use the KSR prefix and decimal IDs', () => {
    expect(nodeInfoKey(300)).toBe('/vnf-agent/contiv-ksr/allocatedIDs/300');
    expect(nodeIdOfKey(nodeInfoKey(300))).toBe(300);
    expect(nodeIdOfKey(`${ALLOCATED_IDS_PREFIX}0`)).toBeUndefined();
    expect(nodeIdOfKey(`${ALLOCATED_IDS_PREFIX}x1`)).toBeUndefined();
    expect(nodeIdOfKey('/other/1')).toBeUndefined();
  });

  it('encodeNodeInfo() writes the original JSON with empty fields omitted', () => {
    expect(encodeNodeInfo({ id: 2, name: 'n2' })).toBe('{"id":2,"name":"n2"}');
    expect(JSON.parse(encodeNodeInfo({ id: 2, name: 'n2', ipAddress: '192.168.16.2/24', managementIpAddress: '10.0.0.2' }))).toEqual({
      id: 2, name: 'n2', ip_address: '192.168.16.2/24', management_ip_address: '10.0.0.2',
    });
  });

  it('decodeNodeInfo() round-trips and accepts any key case, as Go did', () => {
    const info = { id: 3, name: 'n3', ipAddress: '192.168.16.3/24' };
    expect(decodeNodeInfo(nodeInfoKey(3), encodeNodeInfo(info))).toEqual(info);
    expect(decodeNodeInfo(nodeInfoKey(3), '{"ID":3,"Name":"n3","IP_Address":"1.2.3.4/24","ManagementIPAddress":"10.0.0.3"}')).toEqual({
      id: 3, name: 'n3', ipAddress: '1.2.3.4/24', managementIpAddress: '10.0.0.3',
    });
  });

  it('decodeNodeInfo() names key and field of bad entries', () => {
    expect(() => decodeNodeInfo(nodeInfoKey(3), '{')).toThrow(BadInputError);
    expect(() => decodeNodeInfo(nodeInfoKey(3), '{')).toThrow('/vnf-agent/contiv-ksr/allocatedIDs/3: value is not valid JSON');
    expect(() => decodeNodeInfo(nodeInfoKey(3), '{"id":4,"name":"n"}')).toThrow('allocatedIDs/3 id: value says 4 but the key says 3');
    expect(() => decodeNodeInfo(nodeInfoKey(3), '{"id":3}')).toThrow(/name: missing node name/);
    expect(() => decodeNodeInfo(nodeInfoKey(3), '{"id":3,"name":"n","ip_address":5}')).toThrow(/ip_address: expected a string/);
  });
});
