/** @module Port ranges of policy rules: a single port, a range (endPort) or every port. */

/** An inclusive range of ports. */
export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Every port (what a rule without a port number means). */
export const ANY_PORTS: PortRange = { first: 0, last: 65535 };

/** Whether `r` covers every port. */
export function isAnyPorts(r: PortRange): boolean {
  return r.first <= 0 && r.last >= 65535;
}

/** A single-port range. */
export function singlePort(port: number): PortRange {
  return { first: port, last: port };
}

/**
 * Order of port ranges in the rule order: smaller ranges first, then by first port. It
 * extends containment (a range inside another always sorts first), so sorted tables keep
 * the more specific rule ahead of the wider one.
 */
export function comparePortRanges(a: PortRange, b: PortRange): number {
  return a.last - a.first - (b.last - b.first) || a.first - b.first;
}

/** Whether `r` contains `port`. */
export function portInRange(r: PortRange, port: number): boolean {
  return port >= r.first && port <= r.last;
}

/** `*`, `80` or `80-90`. */
export function formatPortRange(r: PortRange): string {
  return isAnyPorts(r) ? '*' : r.first === r.last ? String(r.first) : `${r.first}-${r.last}`;
}
