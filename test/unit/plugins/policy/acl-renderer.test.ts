import { describe, expect, it } from 'vitest';
import { AclRenderer, GLOBAL_ACL_NAME, localAclName, REFLECT_RULE, REFLECTION_ACL_NAME, toAclRule } from '../../../../plugins/policy/acl-renderer.ts';
import { contivRule } from '../../../../plugins/policy/contiv-rule.ts';
import type { PodRules } from '../../../../plugins/policy/pod-rules.ts';
import type { Acl } from '../../../../plugins/vpp/model.ts';
import { AclDataplane } from '../../../oracle/acl-dataplane.ts';
import { StateTxn } from '../../../oracle/state-txn.ts';
import { from, isolated, podRules, TCP, to, UDP } from './rules-fixtures.ts';

const OUT = ['GbE', 'host-ic', 'vxlanBVI'];
const IFS: Record<string, string> = { 'default/pod1': 'tap1', 'default/pod2': 'tap2', 'default/pod3': 'tap3' };

function setup() {
  const r = new AclRenderer({ podInterface: (p) => IFS[p], outboundInterfaces: () => OUT });
  const txn = new StateTxn();
  const apply = (resync: boolean, ...changes: { pod: string; rules?: PodRules }[]) => {
    for (const c of changes) r.cache.update(c);
    const stats = r.render(r.cache.commit(), txn, resync);
    return { stats, ops: txn.take().map((o) => `${o.op} ${o.key}`) };
  };
  const acls = () => txn.values<Acl>('vpp/acl/');
  const dataplane = () => new AclDataplane([{
    name: 'n1', acls: acls(), outbound: 'vxlanBVI',
    pods: [{ key: 'p1', ip: '10.10.1.1', interface: 'tap1' }, { key: 'p2', ip: '10.10.1.2', interface: 'tap2' }, { key: 'p3', ip: '10.10.2.1', interface: 'tap3' }],
  }]);
  return { r, txn, apply, acls, dataplane };
}

const P1 = { ip: '10.10.1.1', node: 'n1', iface: 'tap1' };
const P2 = { ip: '10.10.1.2', node: 'n1', iface: 'tap2' };
const P3 = { ip: '10.10.2.1', node: 'n1', iface: 'tap3' };
const REMOTE = { ip: '10.10.10.1' };

describe('AclRenderer (spec §7.3 scenarios)', () => {
  it('toAclRule() maps protocol 0 to every port and keeps single ports and ranges', () => {
    expect(toAclRule(contivRule({ action: 'deny' }))).toEqual({ action: 'deny', src: '0.0.0.0/0', dst: '0.0.0.0/0', proto: 0, srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: 0, dstPortLast: 65535 });
    expect(toAclRule(from('10.0.0.0/8', TCP, 80))).toMatchObject({ action: 'permit', src: '10.0.0.0/8', proto: 6, dstPortFirst: 80, dstPortLast: 80 });
  });

  it('render() of a pod with egress rules only: the global ACL on the outbound interfaces and the reflective ACL', () => {
    const t = setup();
    const { ops } = t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, undefined, isolated(to('10.10.0.0/16', TCP), to('10.10.0.0/16', UDP))) });
    expect(ops).toEqual([`put vpp/acl/${GLOBAL_ACL_NAME}`, `put vpp/acl/${REFLECTION_ACL_NAME}`]);
    expect(t.acls().find((a) => a.name === GLOBAL_ACL_NAME)).toMatchObject({ ingress: [], egress: OUT });
    expect(t.acls().find((a) => a.name === REFLECTION_ACL_NAME)).toEqual({ name: REFLECTION_ACL_NAME, rules: [REFLECT_RULE], ingress: OUT, egress: [] });
    const dp = t.dataplane();
    expect(dp.connect(P1, REMOTE, 6, 80).allowed).toBe(true);
    expect(dp.connect(P1, { ip: '8.8.8.8' }, 6, 80).allowed).toBe(false);
    expect(dp.connect(REMOTE, P1, 6, 80).allowed).toBe(true);
    expect(dp.connect({ ip: '8.8.8.8' }, P1, 17, 53).allowed).toBe(true);
  });

  it('render() of a pod with ingress rules: its local ACL on its interface, the reflective ACL on its input', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('10.10.0.0/16', TCP, 80))) });
    const local = t.acls().find((a) => a.name !== REFLECTION_ACL_NAME)!;
    expect(local.name).toBe(localAclName('default/pod1'));
    expect(local).toMatchObject({ ingress: [], egress: ['tap1'] });
    expect(t.acls().find((a) => a.name === REFLECTION_ACL_NAME)?.ingress).toEqual(['tap1']);
    expect(t.acls().some((a) => a.name === GLOBAL_ACL_NAME)).toBe(false);
    const dp = t.dataplane();
    expect(dp.connect(REMOTE, P1, 6, 80).allowed).toBe(true);
    expect(dp.connect(REMOTE, P1, 6, 81).allowed).toBe(false);
    expect(dp.connect({ ip: '8.8.8.8' }, P1, 6, 80).allowed).toBe(false);
    expect(dp.connect(P1, { ip: '8.8.8.8' }, 1, 0).allowed).toBe(true);
  });

  it('render() shares one ACL between pods with the same table; removing one re-puts it with one interface', () => {
    const t = setup();
    const rules = isolated(from('10.10.0.0/16', TCP));
    const first = t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, rules) }, { pod: 'default/pod2', rules: podRules('default/pod2', P2.ip, rules) });
    expect(first.ops).toHaveLength(2);
    const shared = t.acls().find((a) => a.name !== REFLECTION_ACL_NAME)!;
    expect(shared.egress).toEqual(['tap1', 'tap2']);
    const second = t.apply(false, { pod: 'default/pod2' });
    expect(second.ops).toEqual([`put vpp/acl/${shared.name}`, `put vpp/acl/${REFLECTION_ACL_NAME}`]);
    expect(t.acls().find((a) => a.name === shared.name)?.egress).toEqual(['tap1']);
    expect(t.acls().find((a) => a.name === REFLECTION_ACL_NAME)?.ingress).toEqual(['tap1']);
  });

  it('render() of an unchanged configuration sends nothing; resync sends the complete state again', () => {
    const t = setup();
    const p1 = { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('10.10.0.0/16', TCP, 80)), isolated(to('0.0.0.0/0', UDP, 53))) };
    const first = t.apply(true, p1);
    expect(t.apply(false, p1).ops).toEqual([]);
    expect(t.r.render({ added: [], repodded: [], removed: [], pods: [] }, t.txn, true).puts).toBe(first.ops.length);
  });

  it('render() combines pods on one node so both sides hold: pod1 may only reach pod3 where both allow it', () => {
    const t = setup();
    t.apply(true,
      { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('0.0.0.0/0', UDP, 161)), isolated(to('10.0.0.0/8', UDP, 53))) },
      { pod: 'default/pod3', rules: podRules('default/pod3', P3.ip, isolated(from('10.0.0.0/8', UDP, 53), from('10.0.0.0/8', TCP, 80))) },
      { pod: 'default/pod2', rules: podRules('default/pod2', P2.ip) });
    const dp = t.dataplane();
    expect(dp.connect(P1, P3, 17, 53).allowed).toBe(true);
    expect(dp.connect(P1, P3, 6, 80).allowed).toBe(false);
    expect(dp.connect(P3, P1, 17, 161).allowed).toBe(true);
    expect(dp.connect(P3, P1, 17, 53).allowed).toBe(false);
    expect(dp.connect(P2, P3, 6, 80).allowed).toBe(true);
    expect(dp.connect(P1, P2, 6, 80).allowed).toBe(false);
    expect(dp.connect(P2, P1, 17, 161).allowed).toBe(true);
  });

  it('render() deletes the reflective and global ACLs once nothing is isolated', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('1.1.1.1/32')), isolated(to('1.1.1.1/32'))) });
    expect(t.acls()).toHaveLength(3);
    const local = localAclName('default/pod1');
    const { ops, stats } = t.apply(false, { pod: 'default/pod1' });
    expect(ops).toEqual([`delete vpp/acl/${local}`, `delete vpp/acl/${GLOBAL_ACL_NAME}`, `delete vpp/acl/${REFLECTION_ACL_NAME}`]);
    expect(stats).toEqual({ puts: 0, deletes: 3 });
    expect(t.acls()).toEqual([]);
  });

  it('render() replaces a table whose rules change under the same pods in place: same name, no delete', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('1.1.1.1/32'))) });
    const before = t.r.cache.tableOf('default/pod1')!.id;
    const { ops } = t.apply(false, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('2.2.2.2/32'))) });
    expect(t.r.cache.tableOf('default/pod1')!.id).not.toBe(before);
    expect(ops).toEqual([`put vpp/acl/${localAclName('default/pod1')}`]);
    expect(t.acls().find((a) => a.name === localAclName('default/pod1'))?.rules[0]).toMatchObject({ src: '2.2.2.2/32' });
  });

  it('render() names a shared table after its first pod, so a table is renamed only when its first pod leaves', () => {
    const t = setup();
    const rules = isolated(from('10.10.0.0/16', TCP));
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, rules) }, { pod: 'default/pod2', rules: podRules('default/pod2', P2.ip, rules) });
    expect(t.acls().map((a) => a.name)).toEqual([localAclName('default/pod1'), REFLECTION_ACL_NAME].sort());
    const { ops } = t.apply(false, { pod: 'default/pod1' });
    expect([...ops].sort()).toEqual([`put vpp/acl/${localAclName('default/pod2')}`, `delete vpp/acl/${localAclName('default/pod1')}`, `put vpp/acl/${REFLECTION_ACL_NAME}`].sort());
  });

  it('originOf() maps our ACL names back to tables', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', P1.ip, isolated(from('1.1.1.1/32'))) });
    const id = t.r.cache.tableOf('default/pod1')!.id;
    expect(t.r.originOf(localAclName('default/pod1'))).toEqual({ kind: 'local', tableId: id });
    expect(t.r.aclNameOf(id)).toBe(localAclName('default/pod1'));
    expect(t.r.originOf(GLOBAL_ACL_NAME)).toEqual({ kind: 'global' });
    expect(t.r.originOf(REFLECTION_ACL_NAME)).toEqual({ kind: 'reflection' });
    expect(t.r.originOf('contiv/vpp-policy-NOPE')).toBeUndefined();
    expect(t.r.originOf('other')).toBeUndefined();
  });
});
