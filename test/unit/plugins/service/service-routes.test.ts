import { describe, expect, it } from 'vitest';
import type { ServiceApi } from '../../../../plugins/service/api.ts';
import type { ServiceModel } from '../../../../plugins/service/service-model.ts';
import { serviceRoutes } from '../../../../plugins/service/service-routes.ts';

const model = { id: 'default/web', ports: [] } as unknown as ServiceModel;
const api: ServiceApi = {
  services: () => [model],
  service: (id) => (id === 'default/web' ? model : undefined),
  frontend: () => undefined,
  byTag: () => undefined,
  snat: () => ({ reason: 'no default gateway' }),
  onChange: () => undefined,
};

describe('serviceRoutes', () => {
  it('serviceRoutes() serves the SNAT decision and every Service at GET /services', async () => {
    const res = await serviceRoutes(api).request('/services');
    expect(await res.json()).toEqual({ snat: { reason: 'no default gateway' }, services: [{ id: 'default/web', ports: [] }] });
  });

  it('serviceRoutes() serves one Service, and 404 for an unknown one', async () => {
    expect(await (await serviceRoutes(api).request('/services/default/web')).json()).toEqual({ id: 'default/web', ports: [] });
    const missing = await serviceRoutes(api).request('/services/default/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ name: 'NotFound', message: 'no service default/nope' });
  });
});
