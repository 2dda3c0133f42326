import { describe, expect, it } from 'vitest';
import { healthRoutes, type HealthProbe } from '../../../../core/http/health-routes.ts';

describe('healthRoutes', () => {
  it.each<[HealthProbe, number, number]>([
    [{ state: 'starting', ready: false }, 200, 503],
    [{ state: 'running', ready: true }, 200, 200],
    [{ state: 'failed', ready: false }, 503, 503],
    [{ state: 'closing', ready: false }, 200, 503],
  ])('healthRoutes() answers live/ready for %o with %i/%i', async (probe, live, ready) => {
    const app = healthRoutes(() => probe);
    expect((await app.request('/health/live')).status).toBe(live);
    const res = await app.request('/health/ready');
    expect(res.status).toBe(ready);
    expect(await res.json()).toEqual({ ready: probe.ready, state: probe.state });
  });
});
