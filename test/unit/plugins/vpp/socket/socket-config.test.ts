import { describe, expect, it } from 'vitest';
import { SOCKET_CONFIG_DEFAULTS, socketConfigSchema } from '../../../../../plugins/vpp/socket/socket-config.ts';

describe('socketConfigSchema', () => {
  it('parse() of an empty section gives the defaults (VPP default socket and API directory)', () => {
    expect(socketConfigSchema.parse({})).toEqual(SOCKET_CONFIG_DEFAULTS);
    expect(SOCKET_CONFIG_DEFAULTS).toMatchObject({ path: '/run/vpp/api.sock', apiDir: '/usr/share/vpp/api' });
  });

  it('parse() fills the reconnect defaults around the given values', () => {
    expect(socketConfigSchema.parse({ path: '/var/run/vpp/cli.sock', reconnect: { maxDelayMs: 1000 } }).reconnect).toEqual({ initialDelayMs: 100, maxDelayMs: 1000, factor: 2 });
  });

  it.each([
    [{ pth: '/x' }, 'pth'],
    [{ handshakeTimeoutMs: 0 }, 'handshakeTimeoutMs'],
    [{ reconnect: { factor: 0.5 } }, 'reconnect'],
    [{ path: '' }, 'path'],
  ])('safeParse() rejects %j naming %s', (value, field) => {
    const r = socketConfigSchema.safeParse(value);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(field);
  });
});
