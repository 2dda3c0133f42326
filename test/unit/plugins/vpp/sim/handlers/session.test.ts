import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { SESSION_RULE_ACTION_DROP, SessionRuleScope as S } from '../../../../../../plugins/vpp/messages/session.ts';
import { U32_MAX, prefixFromText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const rule = { lcl: prefixFromText('10.1.1.2/32'), rmt: prefixFromText('0.0.0.0/1'), lcl_port: 80, action_index: SESSION_RULE_ACTION_DROP, tag: 'contiv/vpp-policy-SPLIT' };

describe('session handlers', () => {
  it('session_enable_disable enables the layer and creates the default app namespace (index 0)', () => {
    const sim = newSim();
    expect(call(sim, 'session_enable_disable').retval).toBe(0);
    expect(sim.state.session.enabled).toBe(true);
    expect(sim.state.session.appNamespaces).toEqual([{ index: 0, id: 'default', secret: 0n, swIfIndex: U32_MAX, ip4FibId: 0 }]);
  });

  it('app_namespace_add_del fails with FEATURE_DISABLED while the session layer is off', () => {
    expect(call(newSim(), 'app_namespace_add_del', { namespace_id: 'pod1', sw_if_index: 1 }).retval).toBe(E.FEATURE_DISABLED);
  });

  it('app_namespace_add_del adds a namespace with the next index and updates an existing id in place', () => {
    const sim = newSim();
    call(sim, 'session_enable_disable');
    expect(call(sim, 'app_namespace_add_del', { namespace_id: 'pod1', secret: 42n, sw_if_index: 1 })).toMatchObject({ retval: 0, appns_index: 1 });
    expect(call(sim, 'app_namespace_add_del', { namespace_id: 'pod2', secret: 43n })).toMatchObject({ retval: 0, appns_index: 2 });
    expect(call(sim, 'app_namespace_add_del', { namespace_id: 'pod1', secret: 44n, sw_if_index: 1 }).appns_index).toBe(1);
    expect(sim.state.session.appNamespaces.find((n) => n.id === 'pod1')).toMatchObject({ index: 1, secret: 44n, swIfIndex: 1 });
    expect(call(sim, 'app_namespace_add_del', { namespace_id: 'pod3', sw_if_index: 50 }).retval).toBe(E.INVALID_SW_IF_INDEX);
  });

  it('session_rule_add_del stores a local rule (scope 2 in the state) and session_rules_dump returns it', () => {
    const sim = newSim();
    call(sim, 'session_enable_disable');
    const ns = call(sim, 'app_namespace_add_del', { namespace_id: 'pod1', sw_if_index: 1 }).appns_index;
    expect(call(sim, 'session_rule_add_del', { ...rule, appns_index: ns, scope: S.SESSION_RULE_SCOPE_API_LOCAL }).retval).toBe(0);
    expect(sim.state.session.rules).toEqual([
      {
        transportProto: 0,
        isIp4: true,
        lcl: parseIp4('10.1.1.2'),
        lclLen: 32,
        rmt: 0,
        rmtLen: 1,
        lclPort: 80,
        rmtPort: 0,
        actionIndex: SESSION_RULE_ACTION_DROP,
        appnsIndex: ns,
        scope: 2,
        tag: 'contiv/vpp-policy-SPLIT',
      },
    ]);
    expect(dumpOf(sim, 'session_rules_dump')).toEqual([
      {
        _msgname: 'session_rules_details',
        transport_proto: 0,
        lcl: prefixFromText('10.1.1.2/32'),
        rmt: prefixFromText('0.0.0.0/1'),
        lcl_port: 80,
        rmt_port: 0,
        action_index: SESSION_RULE_ACTION_DROP,
        appns_index: ns,
        scope: S.SESSION_RULE_SCOPE_API_LOCAL,
        tag: 'contiv/vpp-policy-SPLIT',
      },
    ]);
  });

  it('session_rule_add_del replaces the action of a rule with the same match instead of adding a second one', () => {
    const sim = newSim();
    call(sim, 'session_enable_disable');
    call(sim, 'session_rule_add_del', rule);
    call(sim, 'session_rule_add_del', { ...rule, action_index: 7 });
    expect(sim.state.session.rules.map((r) => r.actionIndex)).toEqual([7]);
  });

  it('session_rule_add_del fails with APP_INVALID_NS for an unknown namespace and NO_SUCH_ENTRY when deleting a missing rule', () => {
    const sim = newSim();
    call(sim, 'session_enable_disable');
    expect(call(sim, 'session_rule_add_del', { ...rule, appns_index: 5, scope: S.SESSION_RULE_SCOPE_API_LOCAL }).retval).toBe(E.APP_INVALID_NS);
    expect(call(sim, 'session_rule_add_del', { ...rule, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
    call(sim, 'session_rule_add_del', rule);
    expect(call(sim, 'session_rule_add_del', { ...rule, is_add: false }).retval).toBe(0);
    expect(sim.state.session.rules).toEqual([]);
  });

  it('session_rules_dump lists a BOTH-scope rule once per table (global, then local)', () => {
    const sim = newSim();
    call(sim, 'session_enable_disable');
    call(sim, 'session_rule_add_del', { ...rule, scope: S.SESSION_RULE_SCOPE_API_BOTH });
    expect(dumpOf(sim, 'session_rules_dump').map((d) => d.scope)).toEqual([S.SESSION_RULE_SCOPE_API_GLOBAL, S.SESSION_RULE_SCOPE_API_LOCAL]);
  });
});
