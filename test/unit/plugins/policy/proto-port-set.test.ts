import { describe, expect, it } from 'vitest';
import { ANY_PORTS } from '../../../../plugins/policy/port-range.ts';
import { allowsAllOf, EVERYTHING, intersectSets, NOTHING, ProtoPortSetBuilder, setIncludes, setsEqual } from '../../../../plugins/policy/proto-port-set.ts';
import { ANY_PROTO, SCTP, TCP, UDP } from '../../../../plugins/policy/protocol.ts';

describe('ProtoPortSet', () => {
  const web = new ProtoPortSetBuilder().add(TCP, { first: 80, last: 80 }).add(TCP, { first: 443, last: 443 }).add(UDP, { first: 53, last: 53 }).build();
  it('ProtoPortSetBuilder.add() of protocol 0 allows everything (ICMP included)', () => {
    expect(new ProtoPortSetBuilder().add(TCP, ANY_PORTS).add(ANY_PROTO, ANY_PORTS).build()).toBe(EVERYTHING);
  });
  it('intersectSets() keeps what both allow, per protocol', () => {
    const other = new ProtoPortSetBuilder().add(TCP, { first: 80, last: 90 }).add(SCTP, ANY_PORTS).build();
    const i = intersectSets(web, other);
    expect([...i.ports.entries()]).toEqual([[TCP, [{ first: 80, last: 80 }]]]);
    expect(intersectSets(EVERYTHING, web)).toBe(web);
    expect(intersectSets(web, NOTHING).ports.size).toBe(0);
  });
  it('setIncludes() compares per protocol, with everything on top', () => {
    expect(setIncludes(EVERYTHING, web)).toBe(true);
    expect(setIncludes(web, EVERYTHING)).toBe(false);
    expect(setIncludes(web, new ProtoPortSetBuilder().add(TCP, { first: 443, last: 443 }).build())).toBe(true);
    expect(setIncludes(web, new ProtoPortSetBuilder().add(UDP, { first: 54, last: 54 }).build())).toBe(false);
    expect(setIncludes(web, NOTHING)).toBe(true);
  });
  it('setsEqual() and allowsAllOf()', () => {
    expect(setsEqual(web, intersectSets(web, EVERYTHING))).toBe(true);
    expect(setsEqual(web, NOTHING)).toBe(false);
    expect(allowsAllOf(new ProtoPortSetBuilder().add(UDP, ANY_PORTS).build(), UDP)).toBe(true);
    expect(allowsAllOf(web, TCP)).toBe(false);
  });
});
