import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from '../../cluster/cluster.ts';
import { matrixProbes } from '../../cluster/matrix-probes.ts';
import { BadInputError } from '../../core/errors.ts';
import type { LogRecord } from '../../core/log/log-sink.ts';
import { HOST_INTERCONNECT_TAP } from '../../plugins/contiv/vswitch/vswitch-names.ts';
import { parseManifestJson, type ManifestObject } from '../../plugins/ksr/manifest-loader.ts';

/**
 * The Kubernetes controllers the simulation plays, through real agents: scheduling, node
 * layout, kubelet CNI, service IP and NodePort allocation, EndpointSlices (readiness,
 * termination, publishNotReadyAddresses, named ports), later steps (deletions, new nodes).
 */
let cluster: Cluster | undefined;
let records: LogRecord[] = [];
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  // Every run must be clean: no agent warned or failed.
  expect(records.filter((r) => r.level === 'warn' || r.level === 'error').map((r) => `${r.logger}: ${r.msg} ${JSON.stringify(r.fields)}`)).toEqual([]);
  records = [];
});

async function start(options: ClusterOptions = {}): Promise<Cluster> {
  cluster = await Cluster.create({ ...options, sink: { write: (r) => records.push(r) } });
  return cluster;
}

function objects(...json: Record<string, unknown>[]): ManifestObject[] {
  return json.flatMap((j, i) => {
    const set = parseManifestJson(j, `test.yaml document ${i}`);
    if (set.errors.length > 0) throw set.errors[0];
    return set.objects;
  });
}

interface PodOpts {
  readonly ns?: string;
  readonly node?: string;
  readonly labels?: Record<string, string>;
  readonly ports?: { name?: string; containerPort: number; protocol?: string }[];
  readonly status?: Record<string, unknown>;
  readonly hostNetwork?: boolean;
  readonly deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', labels: o.labels ?? { app: name }, ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { ...(o.node ? { nodeName: o.node } : {}), ...(o.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'c', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    ...(o.status ? { status: o.status } : {}),
  };
}

function service(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

function caught(f: () => Promise<unknown>): Promise<BadInputError> {
  return f().then(() => { throw new Error('expected a BadInputError'); }, (err: unknown) => {
    if (err instanceof BadInputError) return err;
    throw err;
  });
}

const ready = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };

describe('Cluster (controllers)', () => {
  it('apply() spreads unscheduled pods over --nodes N in name order, keeps given nodes and numbers IPs per node', async () => {
    const c = await start({ nodes: 3 });
    await c.apply({ apply: objects(pod('a'), pod('b'), pod('c'), pod('d'), pod('pinned', { node: 'node-3' })) });
    expect(c.view().podRows()).toEqual([
      { namespace: 'default', name: 'a', node: 'node-1', ip: '10.1.1.2' },
      { namespace: 'default', name: 'b', node: 'node-2', ip: '10.1.2.2' },
      { namespace: 'default', name: 'c', node: 'node-1', ip: '10.1.1.3' },
      { namespace: 'default', name: 'd', node: 'node-2', ip: '10.1.2.3' },
      { namespace: 'default', name: 'pinned', node: 'node-3', ip: '10.1.3.2' },
    ]);
    expect(c.view().nodeRows().map((n) => [n.name, n.address, n.podCIDR])).toEqual([
      ['node-1', '192.168.16.1', '10.1.1.0/24'], ['node-2', '192.168.16.2', '10.1.2.0/24'], ['node-3', '192.168.16.3', '10.1.3.0/24'],
    ]);
    const r = c.probe([{ from: 'default/a', to: 'default/pinned', port: 8080, protocol: 'TCP' }]);
    expect(r[0]).toMatchObject({ allowed: true, backend: 'default/pinned', backendPort: 8080, sourceIP: '10.1.1.2' });
  });

  it('apply() uses Nodes as given (InternalIP, podCIDR) and honours a pod IP in its node\'s pod CIDR', async () => {
    const c = await start();
    const node = (name: string, ip: string, cidr: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { podCIDR: cidr }, status: { addresses: [{ type: 'InternalIP', address: ip }] } });
    await c.apply({ apply: objects(node('w1', '10.0.5.11', '10.244.1.0/24'), node('w2', '10.0.5.12', '10.244.2.0/24'), pod('p', { node: 'w2', status: { podIP: '10.244.2.77' } }), pod('q')) });
    expect(c.view().nodeRows()).toEqual([{ name: 'w1', address: '10.0.5.11', podCIDR: '10.244.1.0/24' }, { name: 'w2', address: '10.0.5.12', podCIDR: '10.244.2.0/24' }]);
    expect(c.view().podRows()).toEqual([
      { namespace: 'default', name: 'p', node: 'w2', ip: '10.244.2.77' },
      { namespace: 'default', name: 'q', node: 'w1', ip: '10.244.1.2' },
    ]);
    const [toP, outside] = c.probe([
      { from: 'default/q', to: 'default/p', port: 8080, protocol: 'TCP' },
      { from: 'default/p', to: 'ip:1.1.1.1', port: 443, protocol: 'TCP' },
    ]);
    expect(toP).toMatchObject({ allowed: true, backend: 'default/p' });
    expect(outside).toMatchObject({ allowed: true, backend: 'ip:1.1.1.1', sourceIP: '10.0.5.12' });
  });

  it('apply() refuses a pod IP outside its node\'s pod CIDR and an unknown node, naming the object and field', async () => {
    const c = await start();
    const e1 = await caught(() => c.apply({ apply: objects(pod('p', { node: 'node-1', status: { podIP: '10.1.2.9' } })) }));
    expect(e1.message).toBe('test.yaml document 0 (Pod default/p) status.podIP: 10.1.2.9 is not in the pod CIDR 10.1.1.0/24 of node node-1');
    const c2 = await Cluster.create();
    try {
      const e2 = await caught(() => c2.apply({ apply: objects(pod('p', { node: 'node-9' })) }));
      expect(e2).toMatchObject({ field: 'spec.nodeName', detail: '"node-9" is not a node of the cluster (nodes: node-1, node-2)' });
    } finally {
      await c2.close();
    }
  });

  it('apply() gives host-network pods their node\'s address and no sandbox; they probe from the node', async () => {
    const c = await start();
    await c.apply({ apply: objects(pod('h', { node: 'node-2', hostNetwork: true }), pod('a', { node: 'node-1' })) });
    expect(c.view().podRows().find((p) => p.name === 'h')).toEqual({ namespace: 'default', name: 'h', node: 'node-2', ip: '192.168.16.2' });
    const taps = c.nodes()[1]!.sim.state.interfaces;
    expect([...taps.values()].filter((i) => i.tap && i.tag !== HOST_INTERCONNECT_TAP)).toEqual([]);
    const [r] = c.probe([{ from: 'default/h', to: 'default/a', port: 8080, protocol: 'TCP' }]);
    expect(r).toMatchObject({ allowed: true, backend: 'default/a' });
  });

  it('apply() allocates cluster IPs and NodePorts, and refuses a cluster IP outside the service CIDR or taken', async () => {
    const c = await start();
    await c.apply({
      apply: objects(
        pod('a', { labels: { app: 'web' }, status: ready }),
        service('fixed', { selector: { app: 'web' }, clusterIP: '10.96.0.2', ports: [{ port: 80, targetPort: 'http' }] }),
        service('auto', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
      ),
    });
    expect(c.view().serviceRows()).toEqual([
      { namespace: 'default', name: 'auto', clusterIP: '10.96.0.3' },
      { namespace: 'default', name: 'fixed', clusterIP: '10.96.0.2' },
    ]);
    const [np] = c.probe([{ from: 'ip:203.0.113.1', to: 'node:node-2', port: 30000, protocol: 'TCP' }]);
    expect(np).toMatchObject({ allowed: true, backend: 'default/a', backendPort: 8080 });
    const taken = await caught(() => c.apply({ apply: objects(service('other', { clusterIP: '10.96.0.2', ports: [{ port: 80 }] })) }));
    expect(taken).toMatchObject({ field: 'spec.clusterIP', detail: '10.96.0.2 is already allocated to Service default/fixed' });
  });

  it('apply() derives endpoints honouring readiness, termination, publishNotReadyAddresses and per-pod named ports', async () => {
    const c = await start();
    const notReady = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };
    await c.apply({
      apply: objects(
        pod('ready-1', { labels: { app: 'a' }, status: ready, ports: [{ name: 'http', containerPort: 8080 }] }),
        pod('ready-2', { labels: { app: 'a' }, status: ready, ports: [{ name: 'http', containerPort: 9090 }] }),
        pod('unready', { labels: { app: 'b' }, status: notReady }),
        pod('leaving', { labels: { app: 'c' }, status: ready, deleting: true }),
        service('named', { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] }),
        service('unready', { selector: { app: 'b' }, ports: [{ port: 80, targetPort: 'http' }] }),
        service('published', { selector: { app: 'b' }, publishNotReadyAddresses: true, ports: [{ port: 80, targetPort: 'http' }] }),
        service('leaving', { selector: { app: 'c' }, ports: [{ port: 80, targetPort: 'http' }] }),
      ),
    });
    const [named, unready, published, leaving] = c.probe([
      { from: 'default/ready-1', to: 'svc:default/named', port: 80, protocol: 'TCP', attempts: 16 },
      { from: 'default/ready-1', to: 'svc:default/unready', port: 80, protocol: 'TCP' },
      { from: 'default/ready-1', to: 'svc:default/published', port: 80, protocol: 'TCP' },
      { from: 'default/ready-2', to: 'svc:default/leaving', port: 80, protocol: 'TCP' },
    ]);
    expect(named!.backends).toEqual(['default/ready-1', 'default/ready-2']);
    expect(named!.backendPort).toBe(named!.backend === 'default/ready-1' ? 8080 : 9090);
    expect(unready).toMatchObject({ allowed: false, failure: 'refused' });
    expect(published).toMatchObject({ allowed: true, backend: 'default/unready' });
    // Serving and terminating endpoints are the fallback when none is ready.
    expect(leaving).toMatchObject({ allowed: true, backend: 'default/leaving' });
  });

  it('apply() refuses connections to ports a pod does not declare', async () => {
    const c = await start();
    await c.apply({ apply: objects(pod('a'), pod('b')) });
    const [declared, other] = c.probe([
      { from: 'default/a', to: 'default/b', port: 8080, protocol: 'TCP' },
      { from: 'default/a', to: 'default/b', port: 8081, protocol: 'TCP' },
    ]);
    expect(declared!.allowed).toBe(true);
    expect(other).toMatchObject({ allowed: false, failure: 'refused' });
  });

  it('apply() in later steps deletes pods (CNI DEL, IP reused), adds a node with a new agent and deletes a namespace with its objects', async () => {
    const c = await start();
    await c.apply({ apply: objects(pod('a', { node: 'node-1' }), pod('b', { node: 'node-1' })) });
    const tapsBefore = [...c.nodes()[0]!.sim.state.interfaces.values()].filter((i) => i.tap && i.tag !== HOST_INTERCONNECT_TAP).length;
    await c.apply({ delete: [{ kind: 'Pod', namespace: 'default', name: 'a' }] });
    expect([...c.nodes()[0]!.sim.state.interfaces.values()].filter((i) => i.tap && i.tag !== HOST_INTERCONNECT_TAP)).toHaveLength(tapsBefore - 1);
    const node3 = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-3' } };
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    await c.apply({ apply: objects(pod('c', { node: 'node-1' }), node3, ns, pod('d', { ns: 'team', node: 'node-3' })) });
    expect(c.nodes().map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(c.view().podRows().map((p) => `${p.name}@${p.node}=${p.ip}`)).toEqual(['b@node-1=10.1.1.3', 'c@node-1=10.1.1.2', 'd@node-3=10.1.3.2']);
    const [r] = c.probe([{ from: 'default/b', to: 'team/d', port: 8080, protocol: 'TCP' }]);
    expect(r).toMatchObject({ allowed: true, backend: 'team/d' });
    await c.apply({ delete: [{ kind: 'Namespace', name: 'team' }] });
    expect(c.view().podRows().map((p) => p.name)).toEqual(['b', 'c']);
    const gone = await caught(() => c.apply({ delete: [{ kind: 'Pod', namespace: 'team', name: 'd' }], deleteSource: (i) => `step 4 delete[${i}]` }));
    expect(gone.message).toBe('step 4 delete[0] name: Pod team/d does not exist');
  });

  it('matrixProbes() covers every pod pair on every declared port of the destination', async () => {
    const c = await start();
    await c.apply({ apply: objects(pod('a', { ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }), pod('b')) });
    const probes = matrixProbes(c.view().pods());
    expect(probes.map((p) => `${p.from}>${p.to}:${p.protocol}/${p.port}`)).toEqual([
      'default/a>default/a:TCP/80', 'default/a>default/a:UDP/53', 'default/a>default/b:TCP/8080',
      'default/b>default/a:TCP/80', 'default/b>default/a:UDP/53', 'default/b>default/b:TCP/8080',
    ]);
    expect(c.probe(probes).every((r) => r.allowed)).toBe(true);
  });
});
