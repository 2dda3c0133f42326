import { describe, expect, it } from 'vitest';
import { LocalPodRegistry } from '../../../../../plugins/contiv/pod/local-pod-registry.ts';
import { podNames } from '../../../../../plugins/contiv/pod/pod-names.ts';

const rec = (ns: string, name: string, cid: string, ip: string) => ({
  id: { namespace: ns, name }, containerId: cid, netns: `/var/run/netns/${cid}`, ifName: 'eth0', ip,
});

describe('LocalPodRegistry', () => {
  it('list() sorts by namespace then name; lookups by container and interface', () => {
    const r = new LocalPodRegistry();
    r.add(rec('b', 'x', 'c1', '10.1.1.2'));
    r.add(rec('a', 'z', 'c2', '10.1.1.3'));
    r.add(rec('a', 'y', 'c3', '10.1.1.4'));
    expect(r.list().map((p) => `${p.record.id.namespace}/${p.record.id.name}`)).toEqual(['a/y', 'a/z', 'b/x']);
    expect(r.byContainer('c2')?.local).toEqual({ id: { namespace: 'a', name: 'z' }, ip: '10.1.1.3', interface: podNames('c2').tap, containerId: 'c2' });
    expect(r.byInterface(podNames('c1').tap)?.record.id.name).toBe('x');
    expect(r.byInterface(podNames('c1').loopback)?.record.id.name).toBe('x');
  });

  it('add() names the pod\'s app namespace by id with the TCP stack, and none without', () => {
    const tcp = new LocalPodRegistry(true);
    expect(tcp.add(rec('a', 'x', 'c1', '10.1.1.2')).local.appNamespace).toBe(podNames('c1').appNamespace);
    expect(tcp.add(rec('a', 'x', 'c1', '10.1.1.2')).local).not.toHaveProperty('appNsIndex');
    expect(new LocalPodRegistry(false).add(rec('a', 'x', 'c1', '10.1.1.2')).local).not.toHaveProperty('appNamespace');
  });

  it('add() replaces a pod re-wired with another container; remove() forgets it', () => {
    const r = new LocalPodRegistry();
    r.add(rec('a', 'p', 'old', '10.1.1.2'));
    r.add(rec('a', 'p', 'new', '10.1.1.2'));
    expect(r.size).toBe(1);
    expect(r.byContainer('old')).toBeUndefined();
    expect(r.remove({ namespace: 'a', name: 'p' })?.record.containerId).toBe('new');
    expect(r.get({ namespace: 'a', name: 'p' })).toBeUndefined();
  });
});
