import { describe, expect, it } from 'vitest';
import { sandboxState } from '../../../../plugins/trace/sandbox-state.ts';
import { SimStateBuilder } from '../../../fakes/sim-state-builder.ts';

function stateWithSessions() {
  const b = new SimStateBuilder('node-1');
  b.podTap('tap0', '10.1.1.2');
  const s = b.state;
  s.aclSessions.push({ swIfIndex: 1, protocol: 6, src: 1, srcPort: 2, dst: 3, dstPort: 4, lastHeard: 10 });
  s.nat44.sessions.push({ id: 1, protocol: 6, inIp: 1, inPort: 2, outIp: 3, outPort: 4, extIp: 5, extPort: 6, isStatic: false, twiceNat: false, lastHeard: 10 });
  s.nat44.affinity.set('k', { local: 0, expires: 99 });
  return s;
}

describe('sandboxState', () => {
  it('sandboxState() shares the configuration and copies the session tables with their entries', () => {
    const s = stateWithSessions();
    const copy = sandboxState(s);
    expect(copy.interfaces).toBe(s.interfaces);
    expect(copy.routes).toBe(s.routes);
    expect(copy.acls).toBe(s.acls);
    expect(copy.nat44.staticMappings).toBe(s.nat44.staticMappings);
    expect(copy.aclSessions).toEqual(s.aclSessions);
    expect(copy.nat44.sessions).toEqual(s.nat44.sessions);
    expect([...copy.nat44.affinity]).toEqual([...s.nat44.affinity]);
  });

  it('sandboxState() leaves the original untouched when a walk adds, refreshes or removes sessions in the copy', () => {
    const s = stateWithSessions();
    const copy = sandboxState(s);
    copy.aclSessions[0]!.lastHeard = 500;
    copy.aclSessions.push({ swIfIndex: 2, protocol: 17, src: 1, srcPort: 2, dst: 3, dstPort: 4, lastHeard: 500 });
    copy.nat44.sessions[0]!.lastHeard = 500;
    copy.nat44.sessions.splice(0, 1);
    copy.nat44.affinity.get('k')!.expires = 1000;
    copy.nat44.affinity.set('other', { local: 1, expires: 5 });
    expect(s.aclSessions).toEqual([{ swIfIndex: 1, protocol: 6, src: 1, srcPort: 2, dst: 3, dstPort: 4, lastHeard: 10 }]);
    expect(s.nat44.sessions.map((x) => x.lastHeard)).toEqual([10]);
    expect([...s.nat44.affinity]).toEqual([['k', { local: 0, expires: 99 }]]);
  });
});
