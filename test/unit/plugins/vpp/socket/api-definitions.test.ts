import { describe, expect, it } from 'vitest';
import { fixedSize } from '../../../../../plugins/vpp/socket/api-definitions.ts';
import { ApiDefinitionError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { EVENT_HEADER, inlineDefinitions, REPLY_HEADER, REQUEST_HEADER } from '../../../../fakes/vpp-api-json.ts';

const base = {
  aliases: { ip4_address: { type: 'u8', length: 4 }, ip6_address: { type: 'u8', length: 16 }, address_with_prefix: { type: 'vl_api_prefix_t' }, interface_index: { type: 'u32' } },
  enums: [['address_family', ['ADDRESS_IP4', 0], ['ADDRESS_IP6', 1], { enumtype: 'u8' }]],
  unions: [['address_union', ['vl_api_ip4_address_t', 'ip4'], ['vl_api_ip6_address_t', 'ip6']]],
  types: [
    ['address', ['vl_api_address_family_t', 'af'], ['vl_api_address_union_t', 'un']],
    ['prefix', ['vl_api_address_t', 'address'], ['u8', 'len']],
  ],
};

describe('ApiDefinitions', () => {
  it('message() resolves aliases down to arrays and structs and strips the request header', () => {
    const defs = inlineDefinitions(base, { messages: [['add', ...REQUEST_HEADER, ['vl_api_interface_index_t', 'sw'], ['vl_api_address_with_prefix_t', 'prefix'], { crc: '0x5463d73b' }]] });
    const m = defs.message('add')!;
    expect(m.kind).toBe('request');
    expect(m.crc).toBe('0x5463d73b');
    expect(m.fields.map((f) => f.name)).toEqual(['sw', 'prefix']);
    expect(m.fields[0]!.type).toEqual({ kind: 'int', int: 'u32' });
    expect(m.fields[1]!.type.kind).toBe('struct');
    expect(fixedSize(m.fields[1]!.type)).toBe(18);
  });

  it('message() tells requests, replies, events and bare messages apart by their header fields', () => {
    const defs = inlineDefinitions({
      messages: [
        ['q', ...REQUEST_HEADER, { crc: '0x00000001' }],
        ['r', ...REPLY_HEADER, ['i32', 'retval'], { crc: '0x00000002' }],
        ['e', ...EVENT_HEADER, ['u32', 'pid'], { crc: '0x00000003' }],
        ['o', ['u16', '_vl_msg_id'], ['u8', 'x'], { crc: '0x00000004' }],
      ],
    });
    expect(['q', 'r', 'e', 'o'].map((n) => defs.message(n)!.kind)).toEqual(['request', 'reply', 'event', 'other']);
    expect(defs.message('e')!.fields.map((f) => f.name)).toEqual(['pid']);
  });

  it('type() sizes a union by its largest member', () => {
    const defs = inlineDefinitions(base);
    expect(defs.type('vl_api_address_union_t')).toMatchObject({ kind: 'union', size: 16 });
    expect(fixedSize(defs.type('address'))).toBe(17);
  });

  it('nameCrc() spells the table entry VPP uses', () => {
    const defs = inlineDefinitions({ messages: [['show_version', ...REQUEST_HEADER, { crc: '0x51077d14' }]] });
    expect(defs.nameCrc('show_version')).toBe('show_version_51077d14');
    expect(defs.nameCrc('nope')).toBeUndefined();
  });

  it('message() uses the file sorted first when two files define the same name', () => {
    const defs = inlineDefinitions({ messages: [['m', ...REQUEST_HEADER, { crc: '0x00000001' }]] }, { messages: [['m', ...REQUEST_HEADER, { crc: '0x00000002' }]] });
    expect(defs.message('m')!.crc).toBe('0x00000001');
  });

  it.each([
    ['an unknown type', { messages: [['m', ...REPLY_HEADER, ['vl_api_nope_t', 'x'], { crc: '0x00000001' }]] }, /message m field x: unknown type nope/],
    ['a count field that does not exist', { messages: [['m', ...REPLY_HEADER, ['u32', 'xs', 0, 'n'], { crc: '0x00000001' }]] }, /length field n is not a field/],
    ['a variable array without count', { messages: [['m', ...REPLY_HEADER, ['u32', 'xs', 0], { crc: '0x00000001' }]] }, /without a length field/],
    ['a type that contains itself', { types: [['t', ['vl_api_t_t', 'inner']]], messages: [['m', ...REPLY_HEADER, ['vl_api_t_t', 'x'], { crc: '0x00000001' }]] }, /refers to itself/],
  ])('message() rejects %s naming the file and message', (_what, doc, detail) => {
    const defs = inlineDefinitions(doc);
    expect(() => defs.message('m')).toThrow(ApiDefinitionError);
    expect(() => defs.message('m')).toThrow(detail);
    expect(() => defs.message('m')).toThrow(/inline-0\.api\.json/);
  });
});
