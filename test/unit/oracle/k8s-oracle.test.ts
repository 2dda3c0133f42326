import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, Pod } from '../../../plugins/ksr/model.ts';
import type { OracleCluster } from '../../oracle/k8s-oracle.ts';
import { allowed } from '../../oracle/k8s-oracle.ts';
import { block, cport, ns, pod, policy, port, req, rule, sel } from '../plugins/policy/policy-fixtures.ts';

const pods: Pod[] = [
  pod('prod', 'web', '10.1.1.2', { app: 'web' }, { node: 'n1', ports: [cport(8080, 'http')] }),
  pod('prod', 'db', '10.1.1.3', { app: 'db' }, { node: 'n1', ports: [cport(5432, 'pg')] }),
  pod('dev', 'web', '10.1.2.2', { app: 'web' }, { node: 'n2', ports: [cport(9090, 'http')] }),
  pod('kube-system', 'dns', '10.1.2.9', { k8s: 'dns' }, { node: 'n2' }),
  pod('prod', 'host', '192.168.16.1', { app: 'web' }, { node: 'n1', hostNetwork: true }),
];
const cluster = (...policies: NetworkPolicy[]): OracleCluster => ({
  namespaces: [ns('prod', { env: 'prod' }), ns('dev', { env: 'dev' }), ns('kube-system')],
  pods,
  policies,
  nodes: [{ name: 'n1', addresses: ['192.168.16.1'] }, { name: 'n2', addresses: ['192.168.16.2'] }],
});
const P = (namespace: string, name: string) => ({ pod: { namespace, name } });
const denyAll = policy('prod', 'deny-all', { policyTypes: ['Ingress', 'Egress'] });

describe('allowed (Kubernetes NetworkPolicy oracle)', () => {
  it('allowed() lets everything through when no policy selects either pod', () => {
    expect(allowed(cluster(), P('prod', 'web'), P('dev', 'web'), 'TCP', 80)).toMatchObject({ allowed: true });
    expect(allowed(cluster(), { ip: '8.8.8.8' }, P('prod', 'db'), 'ICMP')).toMatchObject({ allowed: true });
  });

  it('allowed() isolates selected pods, but a pod reaches itself and its node always', () => {
    const c = cluster(denyAll);
    const v = allowed(c, P('dev', 'web'), P('prod', 'db'), 'TCP', 5432);
    expect(v).toEqual({ allowed: false, reason: 'prod/db is ingress-isolated by prod/deny-all and no ingress rule allows dev/web' });
    expect(allowed(c, P('prod', 'db'), P('prod', 'db'), 'TCP', 5432).allowed).toBe(true);
    expect(allowed(c, { ip: '192.168.16.1' }, P('prod', 'db'), 'TCP', 5432).allowed).toBe(true);
    expect(allowed(c, { ip: '192.168.16.2' }, P('prod', 'db'), 'TCP', 5432).allowed).toBe(false);
    expect(allowed(c, P('prod', 'db'), { ip: '192.168.16.1' }, 'UDP', 53).allowed).toBe(true);
  });

  it('allowed() needs both the egress side of the source and the ingress side of the destination', () => {
    const c = cluster(
      policy('prod', 'db-from-web', { podSelector: sel({ app: 'db' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }])] }),
      policy('prod', 'web-out', { podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([block('8.8.8.8/32')])] }),
    );
    expect(allowed(c, P('prod', 'web'), P('prod', 'db'), 'TCP', 5432)).toMatchObject({ allowed: false, reason: expect.stringContaining('egress-isolated by prod/web-out') });
    expect(allowed(c, P('prod', 'web'), { ip: '8.8.8.8' }, 'ICMP').allowed).toBe(true);
    expect(allowed(c, P('dev', 'web'), P('prod', 'db'), 'TCP', 5432).allowed).toBe(false);
  });

  it('allowed() ANDs podSelector and namespaceSelector in one peer, ORs separate peers', () => {
    const and = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([{ namespaceSelector: sel({ env: 'dev' }), podSelector: sel({ app: 'web' }) }])] }));
    expect(allowed(and, P('dev', 'web'), P('prod', 'db'), 'TCP', 1).allowed).toBe(true);
    expect(allowed(and, P('prod', 'web'), P('prod', 'db'), 'TCP', 1).allowed).toBe(false);
    const or = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([{ namespaceSelector: sel({ env: 'dev' }) }, { podSelector: sel({ app: 'web' }) }])] }));
    expect(allowed(or, P('prod', 'web'), P('prod', 'db'), 'TCP', 1).allowed).toBe(true);
    expect(allowed(or, P('kube-system', 'dns'), P('prod', 'db'), 'TCP', 1).allowed).toBe(false);
  });

  it('allowed() treats an empty namespaceSelector as every namespace, kube-system included, and knows the name label', () => {
    const all = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([{ namespaceSelector: sel() }])] }));
    expect(allowed(all, P('kube-system', 'dns'), P('prod', 'db'), 'UDP', 1).allowed).toBe(true);
    expect(allowed(all, { ip: '10.1.3.3' }, P('prod', 'db'), 'UDP', 1).allowed).toBe(false);
    const byName = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([{ namespaceSelector: sel({}, req('kubernetes.io/metadata.name', 'In', 'kube-system')) }])] }));
    expect(allowed(byName, P('kube-system', 'dns'), P('prod', 'db'), 'UDP', 1).allowed).toBe(true);
    expect(allowed(byName, P('dev', 'web'), P('prod', 'db'), 'UDP', 1).allowed).toBe(false);
  });

  it('allowed() applies ipBlock with except (host bits ignored)', () => {
    const c = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([block('172.17.3.7/16', '172.17.1.0/24')])] }));
    expect(allowed(c, { ip: '172.17.0.5' }, P('prod', 'db'), 'TCP', 1).allowed).toBe(true);
    expect(allowed(c, { ip: '172.17.1.5' }, P('prod', 'db'), 'TCP', 1).allowed).toBe(false);
  });

  it('allowed() resolves named ports on the destination pod, never through an ipBlock', () => {
    const ingress = cluster(policy('prod', 'p', { podSelector: sel(), ingress: [rule([], [port('TCP', 'http')])] }));
    expect(allowed(ingress, { ip: '1.1.1.1' }, P('prod', 'web'), 'TCP', 8080).allowed).toBe(true);
    expect(allowed(ingress, { ip: '1.1.1.1' }, P('prod', 'web'), 'TCP', 9090).allowed).toBe(false);
    const egress = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), policyTypes: ['Egress'], egress: [rule([{ namespaceSelector: sel() }, block('0.0.0.0/0')], [port('TCP', 'http')])] }));
    expect(allowed(egress, P('prod', 'db'), P('dev', 'web'), 'TCP', 9090).allowed).toBe(true);
    expect(allowed(egress, P('prod', 'db'), P('dev', 'web'), 'TCP', 8080).allowed).toBe(false);
    expect(allowed(egress, P('prod', 'db'), { ip: '8.8.8.8' }, 'TCP', 8080).allowed).toBe(false);
  });

  it('allowed() honours endPort, protocols, and a rule without ports allowing ICMP', () => {
    const c = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([], [port('TCP', 8000, 8010), port('SCTP')])] }));
    expect(allowed(c, { ip: '1.1.1.1' }, P('prod', 'db'), 'TCP', 8010).allowed).toBe(true);
    expect(allowed(c, { ip: '1.1.1.1' }, P('prod', 'db'), 'TCP', 8011).allowed).toBe(false);
    expect(allowed(c, { ip: '1.1.1.1' }, P('prod', 'db'), 'SCTP', 1).allowed).toBe(true);
    expect(allowed(c, { ip: '1.1.1.1' }, P('prod', 'db'), 'ICMP').allowed).toBe(false);
    const open = cluster(policy('prod', 'p', { podSelector: sel({ app: 'db' }), ingress: [rule([block('1.1.1.1/32')])] }));
    expect(allowed(open, { ip: '1.1.1.1' }, P('prod', 'db'), 'ICMP').allowed).toBe(true);
  });

  it('allowed() leaves directions missing from policyTypes alone and ignores host-network pods', () => {
    const c = cluster(policy('prod', 'p', { podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], ingress: [rule([block('9.9.9.9/32')])] }));
    expect(allowed(c, { ip: '1.1.1.1' }, P('prod', 'web'), 'TCP', 80).allowed).toBe(true);
    expect(allowed(c, P('prod', 'web'), { ip: '1.1.1.1' }, 'TCP', 80).allowed).toBe(false);
    expect(allowed(c, P('prod', 'host'), { ip: '1.1.1.1' }, 'TCP', 80).allowed).toBe(true);
  });

  it('allowed() throws for an unknown pod', () => {
    expect(() => allowed(cluster(), P('prod', 'nope'), { ip: '1.1.1.1' }, 'TCP', 80)).toThrow(/unknown/);
  });
});
