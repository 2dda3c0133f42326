/**
 * @module What one side of a connection allows towards one address: every protocol, or per
 * concrete protocol a set of ports. The algebra the renderer cache combines tables with.
 */
import type { ConcreteProto, Proto } from './protocol.ts';
import { ANY_PROTO, CONCRETE_PROTOS } from './protocol.ts';
import type { PortRange } from './port-range.ts';
import type { RangeSet } from './range-set.ts';
import { intersectRanges, isAllPorts, normalizeRanges, rangesInclude, rangeSetsEqual } from './range-set.ts';

/** Allowed traffic towards/from one address. `all` = every protocol and port (ICMP included). */
export interface ProtoPortSet {
  readonly all: boolean;
  /** Allowed ports per concrete protocol (absent = none); ignored when `all`. */
  readonly ports: ReadonlyMap<ConcreteProto, RangeSet>;
}

/** Nothing allowed. */
export const NOTHING: ProtoPortSet = { all: false, ports: new Map() };
/** Everything allowed. */
export const EVERYTHING: ProtoPortSet = { all: true, ports: new Map() };

/** Accumulates (protocol, port range) pairs into a {@linkcode ProtoPortSet}. */
export class ProtoPortSetBuilder {
  #all = false;
  readonly #ranges = new Map<ConcreteProto, PortRange[]>();

  /** Adds one allowed (protocol, ports) pair; protocol 0 allows everything. */
  add(proto: Proto, ports: PortRange): this {
    if (proto === ANY_PROTO) this.#all = true;
    else if (!this.#all) {
      const list = this.#ranges.get(proto);
      if (list) list.push(ports);
      else this.#ranges.set(proto, [ports]);
    }
    return this;
  }

  /** The canonical set. */
  build(): ProtoPortSet {
    if (this.#all) return EVERYTHING;
    const ports = new Map<ConcreteProto, RangeSet>();
    for (const p of CONCRETE_PROTOS) {
      const list = this.#ranges.get(p);
      if (list) ports.set(p, normalizeRanges(list));
    }
    return { all: false, ports };
  }
}

/** Intersection of two sets. */
export function intersectSets(a: ProtoPortSet, b: ProtoPortSet): ProtoPortSet {
  if (a.all) return b;
  if (b.all) return a;
  const ports = new Map<ConcreteProto, RangeSet>();
  for (const p of CONCRETE_PROTOS) {
    const x = a.ports.get(p);
    const y = b.ports.get(p);
    if (!x || !y) continue;
    const r = intersectRanges(x, y);
    if (r.length > 0) ports.set(p, r);
  }
  return { all: false, ports };
}

/** Whether everything `inner` allows is allowed by `outer`. */
export function setIncludes(outer: ProtoPortSet, inner: ProtoPortSet): boolean {
  if (outer.all) return true;
  if (inner.all) return false;
  for (const [p, r] of inner.ports) {
    const o = outer.ports.get(p);
    if (!o || !rangesInclude(o, r)) return false;
  }
  return true;
}

/** Whether two sets allow the same traffic. */
export function setsEqual(a: ProtoPortSet, b: ProtoPortSet): boolean {
  if (a.all || b.all) return a.all === b.all;
  if (a.ports.size !== b.ports.size) return false;
  for (const [p, r] of a.ports) {
    const o = b.ports.get(p);
    if (!o || !rangeSetsEqual(o, r)) return false;
  }
  return true;
}

/** Whether the set allows every port of protocol `p`. */
export function allowsAllOf(s: ProtoPortSet, p: ConcreteProto): boolean {
  if (s.all) return true;
  const r = s.ports.get(p);
  return r !== undefined && isAllPorts(r);
}
