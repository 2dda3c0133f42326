import { describe, expect, it } from 'vitest';
import { kvstoreConfigSchema } from '../../../../core/kv/kvstore-config.ts';

describe('kvstoreConfigSchema', () => {
  it('defaults to the memory store', () => {
    expect(kvstoreConfigSchema.parse({})).toEqual({
      type: 'memory',
      etcd: { endpoints: ['127.0.0.1:2379'], dialTimeoutMs: 2000, requestTimeoutMs: 3000 },
    });
  });

  it('accepts etcd with TLS files', () => {
    const c = kvstoreConfigSchema.parse({ type: 'etcd', etcd: { endpoints: ['etcd-0:2379'], tls: { ca: 'ca.pem', cert: 'c.pem', key: 'k.pem' } } });
    expect(c.etcd.tls).toEqual({ ca: 'ca.pem', cert: 'c.pem', key: 'k.pem' });
  });

  it.each([
    [{ type: 'redis' }, 'type'],
    [{ extra: 1 }, ''],
    [{ type: 'etcd', etcd: { endpoints: ['http://x:1'] } }, 'etcd.endpoints.0'],
    [{ type: 'etcd', etcd: { endpoints: [] } }, 'etcd.endpoints'],
    [{ type: 'etcd', etcd: { tls: { cert: 'c.pem' } } }, 'etcd.tls'],
    [{ type: 'etcd', etcd: { dialTimeoutMs: 0 } }, 'etcd.dialTimeoutMs'],
  ])('rejects %j at %s', (input, path) => {
    const res = kvstoreConfigSchema.safeParse(input);
    expect(res.success).toBe(false);
    expect(res.error!.issues[0]!.path.join('.')).toBe(path);
  });
});
