import { afterEach, describe, expect, it } from 'vitest';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { CONTIV_API } from '../../plugins/contiv/api.ts';
import { KSR_API } from '../../plugins/ksr/api.ts';
import { localAclName } from '../../plugins/policy/acl-renderer.ts';
import { POLICY_API } from '../../plugins/policy/api.ts';
import type { AclRuleExplanation, PolicyTablesView } from '../../plugins/policy/api.ts';
import type { PolicyConfig } from '../../plugins/policy/config.ts';
import { PolicyPlugin } from '../../plugins/policy/policy-plugin.ts';
import { SERVICE_API, type ServiceApi } from '../../plugins/service/api.ts';
import type { ServiceModel } from '../../plugins/service/service-model.ts';
import { VPP_API } from '../../plugins/vpp/api.ts';
import type { Acl } from '../../plugins/vpp/model.ts';
import { block, ns, pod, policy, port, rule, sel } from '../unit/plugins/policy/policy-fixtures.ts';
import { FakeContiv, FakeKsr, RecordingVpp } from './service-fakes.ts';

const started: StartedTestAgent[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

class TcpContiv extends FakeContiv {
  tcp = false;
  override tcpStackEnabled(): boolean {
    return this.tcp;
  }
}

async function boot(config: Partial<PolicyConfig> = {}, tcp = false) {
  const ksr = new FakeKsr();
  const contiv = new TcpContiv();
  contiv.tcp = tcp;
  const vpp = new RecordingVpp();
  const agent = await TestAgent.for(PolicyPlugin)
    .override(KSR_API).useValue(ksr)
    .override(CONTIV_API).useValue(contiv)
    .override(VPP_API).useValue(vpp)
    .config(config)
    .start();
  started.push(agent);
  const plugin = agent.plugin(PolicyPlugin);
  const resync = (): string[] => {
    vpp.take();
    vpp.beginResync();
    plugin.resync();
    vpp.endResync();
    return vpp.take();
  };
  const details = (): Readonly<Record<string, unknown>> => agent.agent.status().plugins['policy']?.details ?? {};
  const wire = (namespace: string, name: string, ip: string, appNamespace?: string) =>
    contiv.seedPod({ id: { namespace, name }, ip, interface: `tap-${name}`, containerId: `c-${name}`, ...(appNamespace === undefined ? {} : { appNamespace }) });
  return { ksr, contiv, vpp, plugin, resync, details, wire, agent };
}

const acl = (t: { vpp: RecordingVpp }, name: string): Acl | undefined => t.vpp.desired(`vpp/acl/${name}`) as Acl | undefined;

describe('PolicyPlugin', () => {
  it('resync() puts the complete ACL state, and a second resync over the same state puts identical values', async () => {
    const t = await boot();
    t.ksr.seed('namespace', ns('default'));
    t.ksr.seed('pod', pod('default', 'web', '10.1.1.2', { app: 'web' }), pod('default', 'db', '10.1.1.3', { app: 'db' }));
    t.ksr.seed('policy', policy('default', 'db-from-web', { podSelector: sel({ app: 'db' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }], [port('TCP', 5432)])] }));
    t.wire('default', 'web', '10.1.1.2');
    t.wire('default', 'db', '10.1.1.3');
    const first = t.resync();
    const state = JSON.stringify([...t.vpp.desiredState]);
    expect(first.every((op) => op.startsWith('put vpp/acl/contiv/vpp-policy-'))).toBe(true);
    expect(first).toContain('put vpp/acl/contiv/vpp-policy-REFLECTION');
    const local = t.vpp.desiredKeys('vpp/acl/').filter((k) => !k.endsWith('REFLECTION'));
    expect(local).toHaveLength(1);
    const dbAcl = t.vpp.desired(local[0]!) as Acl;
    expect(dbAcl.egress).toEqual(['tap-db']);
    expect(dbAcl.rules.map((r) => `${r.action} ${r.proto} ${r.src} ${r.dstPortFirst}-${r.dstPortLast}`)).toEqual([
      'permit 6 10.1.1.2/32 5432-5432',
      'permit 0 10.1.1.1/32 0-65535',
      'permit 0 172.30.1.2/32 0-65535',
      'permit 0 192.168.16.1/32 0-65535',
      'deny 0 0.0.0.0/0 0-65535',
    ]);
    expect(acl(t, 'contiv/vpp-policy-REFLECTION')?.ingress).toEqual(['tap-db']);
    expect(t.resync()).toEqual(first);
    expect(JSON.stringify([...t.vpp.desiredState])).toBe(state);
  });

  it('init() subscribes to namespaces, pods and policies: a policy change puts only the changed ACLs, a delete removes them', async () => {
    const t = await boot();
    t.ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'a' }));
    t.wire('default', 'a', '10.1.1.2');
    t.resync();
    await t.ksr.put('policy', policy('default', 'deny-all', {}));
    const ops = t.vpp.take();
    expect(ops.filter((o) => o.startsWith('put'))).toHaveLength(2);
    expect(ops).toContain('put vpp/acl/contiv/vpp-policy-REFLECTION');
    await t.ksr.put('pod', pod('default', 'other-node', '10.1.2.5', { app: 'b' }, { node: 'node2' }));
    expect(t.vpp.take()).toEqual([]);
    await t.ksr.remove('policy', 'default/deny-all');
    const removed = t.vpp.take();
    expect(removed).toHaveLength(2);
    expect(removed.every((o) => o.startsWith('delete vpp/acl/contiv/vpp-policy-'))).toBe(true);
    expect(t.vpp.desiredKeys('vpp/acl/')).toEqual([]);
  });

  it('onLocalPodChange() adds a newly wired pod to the shared ACL of its table', async () => {
    const t = await boot();
    t.ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'x' }), pod('default', 'b', '10.1.1.3', { app: 'x' }));
    t.ksr.seed('policy', policy('default', 'deny-all', {}));
    t.wire('default', 'a', '10.1.1.2');
    t.resync();
    const key = t.vpp.desiredKeys('vpp/acl/').find((k) => !k.endsWith('REFLECTION'))!;
    expect((t.vpp.desired(key) as Acl).egress).toEqual(['tap-a']);
    t.contiv.wirePod({ id: { namespace: 'default', name: 'b' }, ip: '10.1.1.3', interface: 'tap-b', containerId: 'c-b' });
    expect(t.vpp.take().sort()).toEqual([`put ${key}`, 'put vpp/acl/contiv/vpp-policy-REFLECTION']);
    expect((t.vpp.desired(key) as Acl).egress).toEqual(['tap-a', 'tap-b']);
    t.contiv.unwirePod({ namespace: 'default', name: 'a' });
    // The ACL is named after the table's first pod: without a, the table's ACL is b's.
    const renamed = `vpp/acl/${localAclName('default/b')}`;
    expect(t.vpp.take().sort()).toEqual([`delete ${key}`, `put ${renamed}`, 'put vpp/acl/contiv/vpp-policy-REFLECTION']);
    expect((t.vpp.desired(renamed) as Acl).egress).toEqual(['tap-b']);
  });

  it('reports a bad policy field in status and keeps rendering the other policies', async () => {
    const t = await boot();
    t.ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'a' }));
    t.ksr.seed('policy',
      policy('default', 'bad', { ingress: [rule([block('10.0.0.0/33')])] }),
      policy('default', 'good', { ingress: [rule([], [port('TCP', 80)])] }));
    t.wire('default', 'a', '10.1.1.2');
    t.resync();
    const issues = t.details()['issues'] as { source: string; field: string }[];
    expect(issues).toEqual([expect.objectContaining({ source: 'policy default/bad', field: 'spec.ingress[0].from[0].ipBlock.cidr' })]);
    const local = t.vpp.desiredKeys('vpp/acl/').find((k) => !k.endsWith('REFLECTION'))!;
    expect((t.vpp.desired(local) as Acl).rules[0]).toMatchObject({ action: 'permit', proto: 6, dstPortFirst: 80 });
    expect(t.agent.logs.records.some((r) => r.msg === 'skipped bad policy input')).toBe(true);
  });

  it('serves /policy/tables and explains an ACL rule back to its policy', async () => {
    const t = await boot();
    t.ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'a' }), pod('default', 'b', '10.1.1.3', { app: 'b' }));
    t.ksr.seed('policy', policy('default', 'a-from-b', { podSelector: sel({ app: 'a' }), ingress: [rule([{ podSelector: sel({ app: 'b' }) }])] }));
    t.wire('default', 'a', '10.1.1.2');
    t.resync();
    const view = (await (await t.agent.fetch('/policy/tables')).json()) as PolicyTablesView;
    expect(view.renderers).toHaveLength(1);
    const table = view.renderers[0]!.localTables[0]!;
    expect(table.pods).toEqual(['default/a']);
    const index = table.rules.indexOf('permit ANY 10.1.1.3/32 -> any');
    expect(index).toBeGreaterThanOrEqual(0);
    const res = await t.agent.fetch(`/policy/explain?acl=${encodeURIComponent(table.acl!)}&rule=${index}`);
    const e = (await res.json()) as AclRuleExplanation;
    expect(e.sources).toEqual([{ pod: 'default/a', origins: [{ kind: 'policy', ref: { policy: 'default/a-from-b', direction: 'ingress', rule: 0 } }] }]);
    expect(t.agent.get(POLICY_API).policiesOf('default/a')).toEqual(['default/a-from-b']);
    expect((await t.agent.fetch('/policy/explain?acl=x')).status).toBe(400);
  });

  it('renders session rules only when vpptcp is configured and the TCP stack is on (or forced)', async () => {
    const seed = (t: Awaited<ReturnType<typeof boot>>) => {
      t.ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'a' }));
      t.ksr.seed('policy', policy('default', 'deny-all', {}));
      t.wire('default', 'a', '10.1.1.2', 'appns-a');
    };
    const off = await boot({ renderers: ['acl', 'vpptcp'] }, false);
    seed(off);
    off.resync();
    expect(off.vpp.desiredKeys('vpp/session/rule/')).toEqual([]);
    const on = await boot({ renderers: ['acl', 'vpptcp'] }, true);
    seed(on);
    on.resync();
    expect(on.vpp.desiredKeys('vpp/acl/').length).toBeGreaterThan(0);
    expect(on.vpp.desiredKeys('vpp/session/rule/global/0/tcp/10.1.1.2/32/0/')).toEqual([
      'vpp/session/rule/global/0/tcp/10.1.1.2/32/0/0.0.0.0/1/0',
      'vpp/session/rule/global/0/tcp/10.1.1.2/32/0/10.1.1.1/32/0',
      'vpp/session/rule/global/0/tcp/10.1.1.2/32/0/128.0.0.0/1/0',
      'vpp/session/rule/global/0/tcp/10.1.1.2/32/0/172.30.1.2/32/0',
      'vpp/session/rule/global/0/tcp/10.1.1.2/32/0/192.168.16.1/32/0',
    ]);
    expect(on.vpp.desired('vpp/session/rule/global/0/tcp/10.1.1.2/32/0/0.0.0.0/1/0')).toMatchObject({ action: 'deny', tag: expect.stringMatching(/^contiv\/vpp-policy-SPLIT-/) });
    expect(on.vpp.desired('vpp/session/rule/global/0/tcp/10.1.1.2/32/0/192.168.16.1/32/0')).toMatchObject({ action: 'allow' });
    const forced = await boot({ renderers: ['vpptcp'], vpptcpWithoutTcpStack: true }, false);
    seed(forced);
    forced.resync();
    expect(forced.vpp.desiredKeys('vpp/acl/')).toEqual([]);
    expect(forced.vpp.desiredKeys('vpp/session/rule/').length).toBeGreaterThan(0);
  });

  it('rejects unknown config keys at start-up', async () => {
    await expect(TestAgent.for(PolicyPlugin)
      .override(KSR_API).useValue(new FakeKsr())
      .override(CONTIV_API).useValue(new TcpContiv())
      .override(VPP_API).useValue(new RecordingVpp())
      .config({ renderer: 'acl' })
      .start()).rejects.toThrow(/renderer/);
  });

  it('judges Service frontends by their backends (VPPTCP) and follows SERVICE_API.onChange()', async () => {
    const ksr = new FakeKsr();
    const contiv = new TcpContiv();
    contiv.tcp = true;
    const vpp = new RecordingVpp();
    const services = new FakeServices();
    const agent = await TestAgent.for(PolicyPlugin)
      .override(KSR_API).useValue(ksr)
      .override(CONTIV_API).useValue(contiv)
      .override(VPP_API).useValue(vpp)
      .override(SERVICE_API).useValue(services)
      .config({ renderers: ['vpptcp'] })
      .start();
    started.push(agent);
    ksr.seed('namespace', ns('default'));
    ksr.seed('pod', pod('default', 'a', '10.1.1.2', { app: 'a' }), pod('default', 'b', '10.1.1.3', { app: 'b' }));
    // a may connect to b only.
    ksr.seed('policy', policy('default', 'a-to-b', { podSelector: sel({ app: 'a' }), policyTypes: ['Egress'], egress: [rule([{ podSelector: sel({ app: 'b' }) }])] }));
    contiv.seedPod({ id: { namespace: 'default', name: 'a' }, ip: '10.1.1.2', interface: 'tap-a', containerId: 'c-a', appNamespace: 'appns-a' });
    services.models = [clusterIpService('default/to-b', '10.96.0.20', '10.1.1.3')];
    vpp.beginResync();
    agent.plugin(PolicyPlugin).resync();
    vpp.endResync();
    const key = 'vpp/session/rule/local/appns-a/tcp/0.0.0.0/0/0/10.96.0.20/32/80';
    expect(vpp.desired(key)).toMatchObject({ action: 'allow' });
    vpp.take();
    // The endpoint moves to a pod a may not reach: the frontend rule goes (the table denies it).
    services.change([clusterIpService('default/to-b', '10.96.0.20', '10.1.1.9')]);
    expect(vpp.take()).toEqual([`delete ${key}`]);
    services.change([clusterIpService('default/to-b', '10.96.0.20', '10.1.1.3')]);
    expect(vpp.take()).toEqual([`put ${key}`]);
  });
});

/** A SERVICE_API whose models the test sets; `change()` notifies like the service plugin. */
class FakeServices implements ServiceApi {
  models: ServiceModel[] = [];
  readonly #listeners: (() => void)[] = [];
  services(): readonly ServiceModel[] {
    return this.models;
  }
  service(id: string): ServiceModel | undefined {
    return this.models.find((m) => m.id === id);
  }
  frontend(): undefined {
    return undefined;
  }
  byTag(): undefined {
    return undefined;
  }
  snat(): ReturnType<ServiceApi['snat']> {
    return { reason: 'off' };
  }
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }
  change(models: ServiceModel[]): void {
    this.models = models;
    for (const l of this.#listeners) l();
  }
}

/** A ClusterIP Service with one TCP port 80 forwarding to `backend`:8080. */
function clusterIpService(id: string, clusterIP: string, backend: string): ServiceModel {
  const [namespace, name] = id.split('/') as [string, string];
  return {
    id, service: { namespace, name }, type: 'ClusterIP', clusterIPs: [clusterIP], externalIPs: [], loadBalancerIPs: [],
    sessionAffinity: 'None', affinitySeconds: 0, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
    endpointSource: 'EndpointSlice', problems: [],
    ports: [{
      name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, endpoints: [], tag: `svc:${id}:80`,
      frontends: [{
        kind: 'cluster-ip', ip: clusterIP, port: 80, protocol: 'TCP', scope: 'this-node', policy: 'Cluster', masquerade: false,
        action: 'forward', backends: [{ ip: backend, port: 8080, local: true, weight: 1 }], reason: 'test',
      }],
    }],
  };
}
