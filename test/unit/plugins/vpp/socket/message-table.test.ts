import { describe, expect, it } from 'vitest';
import { MessageTable } from '../../../../../plugins/vpp/socket/message-table.ts';
import { VppMessageUnavailableError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { inlineDefinitions, REPLY_HEADER, REQUEST_HEADER } from '../../../../fakes/vpp-api-json.ts';

const defs = inlineDefinitions({
  messages: [
    ['show_version', ...REQUEST_HEADER, { crc: '0x51077d14' }],
    ['sw_interface_add_del_address', ...REQUEST_HEADER, ['u32', 'sw_if_index'], { crc: '0x5463d73b' }],
    ['nat44_forwarding_is_enabled', ...REQUEST_HEADER, { crc: '0x51077d14' }],
    ['control_ping_reply', ...REPLY_HEADER, ['i32', 'retval'], { crc: '0xf6b0b8ca' }],
  ],
});

const table = new MessageTable(
  [
    { index: 7, name: 'show_version_51077d14' },
    { index: 8, name: 'sw_interface_add_del_address_deadbeef' },
    { index: 9, name: 'control_ping_reply_f6b0b8ca' },
    { index: 10, name: 'some_other_thing_01234567' },
    { index: 11, name: 'not-a-name-crc' },
  ],
  defs,
);

describe('MessageTable', () => {
  it('id() and name() map the messages whose name and CRC match our definitions', () => {
    expect(table.id('show_version')).toBe(7);
    expect(table.name(9)).toBe('control_ping_reply');
    expect(table.name(10)).toBeUndefined();
    expect(table.size).toBe(2);
  });

  it('id() is undefined for a message VPP has with another CRC', () => {
    expect(table.id('sw_interface_add_del_address')).toBeUndefined();
    expect(table.name(8)).toBeUndefined();
  });

  it('require() throws naming the message and both CRCs when they differ', () => {
    expect(() => table.require('sw_interface_add_del_address')).toThrow(VppMessageUnavailableError);
    expect(() => table.require('sw_interface_add_del_address')).toThrow(
      'the running VPP has sw_interface_add_del_address_deadbeef but the definitions describe sw_interface_add_del_address_5463d73b',
    );
  });

  it('require() throws naming the message VPP does not have at all', () => {
    try {
      table.require('nat44_forwarding_is_enabled');
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(VppMessageUnavailableError);
      expect((err as VppMessageUnavailableError).vppCrcs).toEqual([]);
      expect((err as Error).message).toContain('has no message nat44_forwarding_is_enabled');
    }
  });

  it('compatibility() lists missing and CRC-mismatched messages, sorted', () => {
    expect(table.compatibility()).toEqual({
      missing: ['nat44_forwarding_is_enabled'],
      crcMismatch: [{ name: 'sw_interface_add_del_address', expected: '0x5463d73b', vpp: ['0xdeadbeef'] }],
    });
    expect(table.compatibility(['show_version'])).toEqual({ missing: [], crcMismatch: [] });
  });
});
