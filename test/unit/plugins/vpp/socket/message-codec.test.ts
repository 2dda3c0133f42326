import { describe, expect, it } from 'vitest';
import { MessageCodec } from '../../../../../plugins/vpp/socket/message-codec.ts';
import { ApiDecodeError, ApiEncodeError, ApiMessageUndefinedError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { EVENT_HEADER, hex, inlineDefinitions, REPLY_HEADER, REQUEST_HEADER, toHex } from '../../../../fakes/vpp-api-json.ts';

/** One synthetic file with every field kind VPP uses. */
const defs = inlineDefinitions({
  types: [
    ['pair', ['u8', 'a'], ['u16', 'b']],
    ['holder', ['u8', 'n'], ['vl_api_pair_t', 'items', 0, 'n']],
    ['address', ['vl_api_address_family_t', 'af'], ['vl_api_address_union_t', 'un']],
  ],
  unions: [
    ['address_union', ['vl_api_ip4_address_t', 'ip4'], ['vl_api_ip6_address_t', 'ip6']],
    ['other_union', ['u8', 'small'], ['u32', 'big']],
  ],
  enums: [
    ['color', ['RED', 1], ['BLUE', 2], { enumtype: 'u8' }],
    ['wide', ['X', 1], { enumtype: 'u32' }],
    ['address_family', ['ADDRESS_IP4', 0], ['ADDRESS_IP6', 1], { enumtype: 'u8' }],
  ],
  enumflags: [['bits', ['B1', 1], ['B2', 2], { enumtype: 'u16' }]],
  aliases: {
    ip4_address: { type: 'u8', length: 4 },
    ip6_address: { type: 'u8', length: 16 },
    index: { type: 'u32' },
    pair_alias: { type: 'vl_api_pair_t' },
  },
  messages: [
    ['scalars', ...REQUEST_HEADER, ['u8', 'a'], ['u16', 'b'], ['u32', 'c'], ['u64', 'd'], ['i8', 'e'], ['i16', 'f'], ['i32', 'g'], ['i64', 'h'], ['f64', 'x'], ['bool', 'y'], { crc: '0x00000001' }],
    ['strings', ...REPLY_HEADER, ['string', 'fixed', 8], ['string', 'var', 0], { crc: '0x00000002' }],
    ['arrays', ...REPLY_HEADER, ['u16', 'fixed', 3], ['u8', 'count'], ['u32', 'var', 0, 'count'], { crc: '0x00000003' }],
    ['nested', ...REPLY_HEADER, ['vl_api_holder_t', 'h'], ['vl_api_color_t', 'c'], ['vl_api_wide_t', 'w'], ['vl_api_bits_t', 'bits'], ['vl_api_index_t', 'idx', { default: 4294967295 }], ['vl_api_pair_alias_t', 'pa'], { crc: '0x00000004' }],
    ['unions', ...REPLY_HEADER, ['vl_api_address_t', 'a4'], ['vl_api_address_t', 'a6'], ['vl_api_other_union_t', 'o'], { crc: '0x00000005' }],
    ['evt', ...EVENT_HEADER, ['u32', 'pid'], { crc: '0x00000006' }],
    ['bare', ['u16', '_vl_msg_id'], ['u8', 'x'], { crc: '0x00000007' }],
  ],
});
const codec = new MessageCodec(defs);
const H = { context: 0x11223344, clientIndex: 0x0a0b0c0d };

describe('MessageCodec', () => {
  it('encode() writes every integer width, f64 and bool big-endian after the request header', () => {
    const bytes = codec.encode('scalars', 0x0102, { a: 0x12, b: 0x3456, c: 0x789abcde, d: 0x0102030405060708n, e: -2, f: -3, g: -4, h: -5n, x: 1.5, y: true }, H);
    expect(toHex(bytes)).toBe(
      toHex(hex('01 02  0a 0b 0c 0d  11 22 33 44  12  34 56  78 9a bc de  01 02 03 04 05 06 07 08  fe  ff fd  ff ff ff fc  ff ff ff ff ff ff ff fb  3f f8 00 00 00 00 00 00  01')),
    );
  });

  it('decode() reads every scalar kind back, u64/i64 as bigint, with client index and context', () => {
    const d = codec.decode('scalars', hex('01 02 0a 0b 0c 0d 11 22 33 44 12 34 56 78 9a bc de 01 02 03 04 05 06 07 08 fe ff fd ff ff ff fc ff ff ff ff ff ff ff fb 3f f8 00 00 00 00 00 00 01'));
    expect(d).toEqual({
      kind: 'request',
      clientIndex: 0x0a0b0c0d,
      context: 0x11223344,
      msg: { _msgname: 'scalars', a: 0x12, b: 0x3456, c: 0x789abcde, d: 0x0102030405060708n, e: -2, f: -3, g: -4, h: -5n, x: 1.5, y: true },
    });
  });

  it('encode() pads a fixed string with NULs and prefixes a variable string with its u32 length', () => {
    expect(toHex(codec.encode('strings', 7, { fixed: 'ab', var: 'xyz' }, H))).toBe(toHex(hex('00 07  11 22 33 44  61 62 00 00 00 00 00 00  00 00 00 03 78 79 7a')));
  });

  it('encode() truncates a fixed string so a NUL always ends it', () => {
    expect(toHex(codec.encode('strings', 7, { fixed: 'abcdefghij', var: '' }, H))).toBe(toHex(hex('00 07 11 22 33 44 61 62 63 64 65 66 67 00 00 00 00 00')));
  });

  it('decode() stops a fixed string at its first NUL and reads a variable one by its length', () => {
    expect(codec.decode('strings', hex('00 07 11 22 33 44 61 62 00 7a 7a 00 00 00 00 00 00 02 c3 a9')).msg).toEqual({ _msgname: 'strings', fixed: 'ab', var: 'é' });
  });

  it('encode() pads a fixed array with zeros and writes a count field from the array it counts', () => {
    const bytes = codec.encode('arrays', 3, { fixed: [1, 2], count: 99, var: [0x10, 0xdeadbeef] }, H);
    expect(toHex(bytes)).toBe(toHex(hex('00 03 11 22 33 44  00 01 00 02 00 00  02  00 00 00 10 de ad be ef')));
  });

  it('decode() reads a variable array with the count decoded before it', () => {
    expect(codec.decode('arrays', hex('00 03 11 22 33 44 00 01 00 02 00 00 02 00 00 00 10 de ad be ef')).msg).toEqual({
      _msgname: 'arrays',
      fixed: [1, 2, 0],
      count: 2,
      var: [0x10, 0xdeadbeef],
    });
  });

  it('encode() writes nested types with their own counted arrays, enums in their size, flags, aliases and defaults', () => {
    const bytes = codec.encode('nested', 4, { h: { items: [{ a: 1, b: 2 }, { a: 3, b: 4 }] }, c: 2, w: 1, bits: 3, pa: { a: 9, b: 10 } }, H);
    expect(toHex(bytes)).toBe(toHex(hex('00 04 11 22 33 44  02 01 00 02 03 00 04  02  00 00 00 01  00 03  ff ff ff ff  09 00 0a')));
  });

  it('decode() rebuilds nested types, enums, flags and aliases', () => {
    expect(codec.decode('nested', hex('00 04 11 22 33 44 02 01 00 02 03 00 04 02 00 00 00 01 00 03 00 00 00 05 09 00 0a')).msg).toEqual({
      _msgname: 'nested',
      h: { n: 2, items: [{ a: 1, b: 2 }, { a: 3, b: 4 }] },
      c: 2,
      w: 1,
      bits: 3,
      idx: 5,
      pa: { a: 9, b: 10 },
    });
  });

  it('encode() writes the present union member zero-padded to the union size', () => {
    const a6 = Array.from({ length: 16 }, (_, i) => 0x20 + i);
    const bytes = codec.encode('unions', 5, { a4: { af: 0, un: { ip4: [10, 1, 2, 3] } }, a6: { af: 1, un: { ip6: a6 } }, o: { small: 7 } }, H);
    expect(toHex(bytes)).toBe(
      toHex(hex(`00 05 11 22 33 44  00 0a 01 02 03 ${'00 '.repeat(12)}  01 ${toHex(Uint8Array.from(a6))}  07 00 00 00`)),
    );
  });

  it('decode() reports the address union member chosen by af, and every member of other unions', () => {
    const a6 = Array.from({ length: 16 }, (_, i) => 0x20 + i);
    const d = codec.decode('unions', hex(`00 05 11 22 33 44 00 0a 01 02 03 ${'00 '.repeat(12)} 01 ${toHex(Uint8Array.from(a6))} 07 00 00 00`));
    expect(d.msg).toEqual({
      _msgname: 'unions',
      a4: { af: 0, un: { ip4: [10, 1, 2, 3] } },
      a6: { af: 1, un: { ip6: a6 } },
      o: { small: 7, big: 0x07000000 },
    });
  });

  it('encode() and decode() put an event client index after the ID and report context 0', () => {
    expect(toHex(codec.encode('evt', 6, { pid: 42 }, { context: 99, clientIndex: 7 }))).toBe('00 06 00 00 00 07 00 00 00 2a');
    expect(codec.decode('evt', hex('00 06 00 00 00 07 00 00 00 2a'))).toEqual({ kind: 'event', context: 0, clientIndex: 7, msg: { _msgname: 'evt', pid: 42 } });
  });

  it('encode() writes only the ID before the body of a message without header fields', () => {
    expect(toHex(codec.encode('bare', 9, { x: 1 }, H))).toBe('00 09 01');
  });

  it.each([
    ['scalars', { a: 256 }, 'a', /u8 \(0\.\.255\)/],
    ['scalars', { c: -1 }, 'c', /u32/],
    ['scalars', { d: 1.5 }, 'd', /u64/],
    ['scalars', { y: 'yes' }, 'y', /bool/],
    ['arrays', { fixed: [1, 2, 3, 4] }, 'fixed', /at most 3/],
    ['nested', { h: { items: [{ a: 1, b: 'x' }] } }, 'h.items[0].b', /u16/],
    ['nested', { extra: 1 }, '', /unknown field extra/],
  ])('encode() of %s %j fails naming the field', (name, value, field, detail) => {
    const err = (() => {
      try {
        codec.encode(name, 1, value, H);
      } catch (e: unknown) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ApiEncodeError);
    expect((err as ApiEncodeError).field).toBe(field);
    expect((err as ApiEncodeError).msgName).toBe(name);
    expect((err as ApiEncodeError).detail).toMatch(detail);
  });

  it('decode() fails with the offset when the payload is shorter than the definition', () => {
    expect(() => codec.decode('arrays', hex('00 03 11 22 33 44 00 01 00 02 00 00 02 00 00 00 10'))).toThrow(ApiDecodeError);
  });

  it('encode() fails naming a message without definition', () => {
    expect(() => codec.encode('nope', 1, {}, H)).toThrow(ApiMessageUndefinedError);
  });
});
