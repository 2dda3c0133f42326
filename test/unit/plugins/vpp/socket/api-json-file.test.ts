import { describe, expect, it } from 'vitest';
import { parseApiJson } from '../../../../../plugins/vpp/socket/api-json-file.ts';
import { ApiDefinitionError } from '../../../../../plugins/vpp/socket/socket-errors.ts';

describe('parseApiJson', () => {
  it('parseApiJson() reads fields with fixed length, length field and default, crc, enums, enumflags, aliases and services', () => {
    const f = parseApiJson(
      JSON.stringify({
        messages: [['m', ['u16', '_vl_msg_id'], ['u8', 'mac', 6], ['u8', 'n'], ['vl_api_x_t', 'xs', 0, 'n'], ['vl_api_interface_index_t', 'sw', { default: 4294967295 }], { crc: '0xAABBCCDD', options: {} }]],
        enums: [['e', ['A', 0], ['B', 1], { enumtype: 'u8' }]],
        enumflags: [['f', ['X', 1], { enumtype: 'u32' }]],
        aliases: { ip4_address: { type: 'u8', length: 4 } },
        services: { m: { reply: 'm_reply', stream: true } },
        vl_api_version: '0x1',
      }),
      'x.api.json',
    );
    expect(f.messages[0]).toEqual({
      name: 'm',
      crc: '0xaabbccdd',
      fields: [
        { type: 'u16', name: '_vl_msg_id', options: {} },
        { type: 'u8', name: 'mac', length: 6, options: {} },
        { type: 'u8', name: 'n', options: {} },
        { type: 'vl_api_x_t', name: 'xs', length: 0, lengthField: 'n', options: {} },
        { type: 'vl_api_interface_index_t', name: 'sw', options: { default: 4294967295 } },
      ],
    });
    expect(f.enums).toEqual([
      { name: 'e', values: [['A', 0], ['B', 1]], enumtype: 'u8', flags: false },
      { name: 'f', values: [['X', 1]], enumtype: 'u32', flags: true },
    ]);
    expect(f.aliases).toEqual({ ip4_address: { type: 'u8', length: 4 } });
    expect(f.services).toEqual({ m: { reply: 'm_reply', stream: true } });
  });

  it.each([
    ['not json', '{', /not valid JSON/],
    ['a message without crc', JSON.stringify({ messages: [['m', ['u16', '_vl_msg_id']]] }), /message m: missing or malformed crc/],
    ['a field that is not a tuple', JSON.stringify({ types: [['t', ['u8']]] }), /type t: field \["u8"\]/],
    ['messages that are not arrays', JSON.stringify({ messages: 3 }), /file/],
  ])('parseApiJson() rejects %s naming the file and the item', (_what, text, detail) => {
    expect(() => parseApiJson(text, 'bad.api.json')).toThrow(ApiDefinitionError);
    expect(() => parseApiJson(text, 'bad.api.json')).toThrow(/^bad\.api\.json: /);
    expect(() => parseApiJson(text, 'bad.api.json')).toThrow(detail);
  });
});
