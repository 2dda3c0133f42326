import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_CONFIG, serviceConfigSchema } from '../../../../plugins/service/config.ts';

describe('serviceConfigSchema', () => {
  it('serviceConfigSchema defaults to SNAT on and equal local/remote weights', () => {
    expect(DEFAULT_SERVICE_CONFIG).toEqual({ snat: true, localBackendWeight: 1, remoteBackendWeight: 1 });
  });

  it('serviceConfigSchema rejects unknown keys and weights outside 1-255', () => {
    expect(serviceConfigSchema.safeParse({ snatt: true }).success).toBe(false);
    expect(serviceConfigSchema.safeParse({ localBackendWeight: 0 }).success).toBe(false);
    expect(serviceConfigSchema.safeParse({ remoteBackendWeight: 256 }).success).toBe(false);
    expect(serviceConfigSchema.parse({ snat: false, localBackendWeight: 2 })).toEqual({ snat: false, localBackendWeight: 2, remoteBackendWeight: 1 });
  });
});
