import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../../../plugins/vpp/socket/framing.ts';
import { MessageCodec } from '../../../../../plugins/vpp/socket/message-codec.ts';
import { shippedDefinitions, startSocketVpp, type SocketVpp } from '../../../../fakes/vpp-socket-harness.ts';

const open: SocketVpp[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
}

async function rawSend(path: string, frames: Uint8Array[]): Promise<void> {
  const s = createConnection({ path });
  await new Promise<void>((r) => s.once('connect', () => r()));
  for (const f of frames) s.write(f);
}

describe('VppSocketServer', () => {
  it('table gives sockclnt_create ID 15 and every other defined message one unique ID', async () => {
    const vpp = await startSocketVpp();
    open.push(vpp);
    const defs = await shippedDefinitions();
    const ids = vpp.server.table.map((e) => e.index);
    expect(vpp.server.table.find((e) => e.index === 15)?.name).toBe('sockclnt_create_455fb9c4');
    expect(new Set(ids).size).toBe(defs.messageNames().length);
    expect(vpp.server.table.map((e) => e.name).sort()).toEqual(defs.messageNames().map((n) => defs.nameCrc(n)).sort());
  });

  it('table numbers messages differently with another idShift, sockclnt_create staying on 15', async () => {
    const a = await startSocketVpp({ idShift: 0 });
    const b = await startSocketVpp({ idShift: 5 });
    open.push(a, b);
    const id = (v: SocketVpp, prefix: string) => v.server.table.find((e) => e.name.startsWith(prefix))?.index;
    expect(id(a, 'control_ping_51077d14')).not.toBe(id(b, 'control_ping_51077d14'));
    expect(id(b, 'sockclnt_create_')).toBe(15);
  });

  it('records an error for an unknown message ID and for a request before the handshake, answering neither', async () => {
    const vpp = await startSocketVpp();
    open.push(vpp);
    const codec = new MessageCodec(await shippedDefinitions());
    const showVersion = vpp.server.table.find((e) => e.name.startsWith('show_version_'))!.index;
    await rawSend(vpp.path, [encodeFrame(Uint8Array.of(0x27, 0x0f)), encodeFrame(codec.encode('show_version', showVersion, {}, { context: 1, clientIndex: 0 }))]);
    await until(() => vpp.server.errors.length === 2);
    expect(vpp.server.errors).toEqual(['unknown message ID 9999', 'show_version before sockclnt_create']);
  });
});
