import { describe, expect, it } from 'vitest';
import type { KsrChange } from '../../../../plugins/ksr/api.ts';
import { ServiceCache } from '../../../../plugins/service/service-cache.ts';
import { endpoints, epPort, pod, service, slice, sliceEndpoint } from './service-fixtures.ts';

const change = <K extends KsrChange['kind']>(kind: K, id: string, value?: unknown, prev?: unknown): KsrChange =>
  ({ kind, key: `k8s/${kind}/${id}`, id, ...(value ? { value } : {}), ...(prev ? { prev } : {}) }) as KsrChange;

describe('ServiceCache', () => {
  it('apply() reports the Service of a changed Service, Endpoints or EndpointSlice', () => {
    const c = new ServiceCache();
    const s = slice('web-x1', 'web', [sliceEndpoint('10.1.1.2', 'node1')], [epPort(80)]);
    expect(
      c.apply([
        change('service', 'default/a', service('a')),
        change('endpoints', 'default/b', endpoints('b', [])),
        change('endpointslice', 'default/web-x1', s),
      ]),
    ).toEqual({ services: ['default/a', 'default/b', 'default/web'], nodes: false });
    expect(c.slices('default/web')).toEqual([s]);
  });

  it('apply() reports both Services when a slice moves to another Service, and forgets a deleted slice', () => {
    const c = new ServiceCache();
    c.apply([change('endpointslice', 'default/s1', slice('s1', 'old', [], []))]);
    expect(c.apply([change('endpointslice', 'default/s1', slice('s1', 'new', [], []))]).services).toEqual(['default/new', 'default/old']);
    expect(c.slices('default/old')).toEqual([]);
    expect(c.apply([change('endpointslice', 'default/s1')]).services).toEqual(['default/new']);
    expect(c.slices('default/new')).toEqual([]);
  });

  it('apply() reports the Services whose endpoints refer to a changed pod, and a Node change', () => {
    const c = new ServiceCache();
    c.setServicePods('default/web', ['default/p1', 'default/p2']);
    c.setServicePods('default/api', ['default/p2']);
    expect(c.apply([change('pod', 'default/p2', pod('p2', '10.1.1.3', 'node1'))])).toEqual({ services: ['default/api', 'default/web'], nodes: false });
    expect(c.apply([change('pod', 'default/p9', pod('p9', '10.1.1.9', 'node1'))]).services).toEqual([]);
    c.setServicePods('default/web', []);
    expect(c.apply([change('pod', 'default/p1')]).services).toEqual([]);
    expect(c.apply([change('node', 'node2', { name: 'node2', addresses: [] })])).toEqual({ services: [], nodes: true });
  });

  it('reset() replaces the whole content', () => {
    const c = new ServiceCache();
    c.apply([change('service', 'default/gone', service('gone'))]);
    c.reset((kind) => (kind === 'service' ? [service('b'), service('a')] : []) as never);
    expect(c.serviceIds()).toEqual(['default/a', 'default/b']);
  });
});
