import { describe, expect, it } from 'vitest';
import { encodeFrame, FRAME_HEADER_BYTES, FrameReader } from '../../../../../plugins/vpp/socket/framing.ts';
import { FrameTooLargeError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { hex, toHex } from '../../../../fakes/vpp-api-json.ts';

describe('encodeFrame', () => {
  it('encodeFrame() prefixes the payload with 8 zero bytes, the u32 BE length and 4 zero bytes', () => {
    expect(toHex(encodeFrame(hex('0a 0b 0c')))).toBe('00 00 00 00 00 00 00 00 00 00 00 03 00 00 00 00 0a 0b 0c');
  });
});

describe('FrameReader', () => {
  const a = encodeFrame(hex('01 02 03'));
  const b = encodeFrame(hex('04'));
  const c = encodeFrame(new Uint8Array(0));

  it('push() returns nothing until a frame is complete, then the payload', () => {
    const r = new FrameReader();
    expect(r.push(a.subarray(0, 5))).toEqual([]);
    expect(r.push(a.subarray(5, FRAME_HEADER_BYTES + 1))).toEqual([]);
    expect(r.buffered).toBe(FRAME_HEADER_BYTES + 1);
    expect(r.push(a.subarray(FRAME_HEADER_BYTES + 1)).map(toHex)).toEqual(['01 02 03']);
    expect(r.buffered).toBe(0);
  });

  it('push() returns every frame of a chunk in order, including empty payloads', () => {
    const all = new Uint8Array([...a, ...b, ...c, ...a.subarray(0, 3)]);
    const r = new FrameReader();
    expect(r.push(all).map(toHex)).toEqual(['01 02 03', '04', '']);
    expect(r.push(a.subarray(3)).map(toHex)).toEqual(['01 02 03']);
  });

  it('push() reassembles a stream fed one byte at a time', () => {
    const stream = new Uint8Array([...b, ...a, ...b, ...a]);
    const r = new FrameReader();
    const out: string[] = [];
    for (const byte of stream) out.push(...r.push(Uint8Array.of(byte)).map(toHex));
    expect(out).toEqual(['04', '01 02 03', '04', '01 02 03']);
  });

  it('push() returns copies that later chunks do not overwrite', () => {
    const r = new FrameReader();
    const [first] = r.push(a);
    r.push(b);
    expect(toHex(first!)).toBe('01 02 03');
  });

  it('push() throws FrameTooLargeError when a header announces more than the limit', () => {
    const r = new FrameReader(10);
    expect(() => r.push(encodeFrame(new Uint8Array(11)))).toThrow(FrameTooLargeError);
  });
});
