/**
 * @module The probe a client asks a running agent to trace (`GET /trace?from=&to=&port=&protocol=`):
 * the query parameters parsed and validated, with the endpoint forms of `simulate` probes
 * (`ns/pod`, `svc:ns/name`, `node:NAME`, `ip:A.B.C.D`). Pure; errors name the parameter.
 */
import { BadInputError } from '../../core/errors.ts';
import type { Protocol } from '../ksr/model.ts';
import { isIp4 } from '../net/ipv4.ts';

/** One end of a probe, as written by people. */
export type ProbeEndpointRef =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'service'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string };

/** A parsed probe: who connects where, on which port and protocol. */
export interface ProbeQuery {
  /** The `from` text as given (echoed in results). */
  readonly from: string;
  readonly to: string;
  readonly source: ProbeEndpointRef;
  readonly target: ProbeEndpointRef;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The query parameters `/trace` knows. */
export const TRACE_PARAMS: readonly string[] = ['from', 'to', 'port', 'protocol'];

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
/** A Kubernetes name: DNS-1123 subdomain characters (namespaces and pod names). */
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const FORMS = '"ns/pod", "svc:ns/name", "node:NAME" or "ip:A.B.C.D"';

function namespaced(source: string, param: string, text: string, kind: 'pod' | 'service'): ProbeEndpointRef {
  const parts = text.split('/');
  const [namespace, name] = parts;
  if (parts.length !== 2 || namespace === undefined || name === undefined || !NAME.test(namespace) || !NAME.test(name)) {
    const what = kind === 'pod' ? '"ns/pod"' : '"svc:ns/name"';
    throw new BadInputError(source, param, `"${text}" is not ${what} (lower-case Kubernetes names); expected ${FORMS}`);
  }
  return { kind, namespace, name };
}

/**
 * Parses one endpoint form.
 * @throws {BadInputError} naming `param` when `text` is none of the forms
 * @example parseEndpointRef('GET /trace', 'to', 'svc:default/web') // → { kind: 'service', namespace: 'default', name: 'web' }
 */
export function parseEndpointRef(source: string, param: string, text: string): ProbeEndpointRef {
  if (text.startsWith('svc:')) return namespaced(source, param, text.slice(4), 'service');
  if (text.startsWith('node:')) {
    const name = text.slice(5);
    if (!NAME.test(name)) throw new BadInputError(source, param, `"${text}" is not "node:NAME" (a Kubernetes node name)`);
    return { kind: 'node', name };
  }
  if (text.startsWith('ip:')) {
    const ip = text.slice(3);
    if (!isIp4(ip)) throw new BadInputError(source, param, `"${text}" is not "ip:A.B.C.D" (an IPv4 address)`);
    return { kind: 'ip', ip };
  }
  if (!text.includes('/')) throw new BadInputError(source, param, `"${text}" is none of ${FORMS}`);
  return namespaced(source, param, text, 'pod');
}

/**
 * Parses a destination port: an integer 1..65535.
 * @throws {BadInputError} naming `param`
 */
export function parsePort(source: string, param: string, text: string | undefined): number {
  if (text === undefined || text === '') throw new BadInputError(source, param, 'missing; expected a port number 1..65535');
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new BadInputError(source, param, `"${text}" is not a port number 1..65535`);
  return n;
}

/**
 * Parses a protocol (case-insensitive); absent = TCP.
 * @throws {BadInputError} naming `param`
 */
export function parseProtocol(source: string, param: string, text: string | undefined): Protocol {
  if (text === undefined || text === '') return 'TCP';
  const p = PROTOCOLS.find((x) => x === text.toUpperCase());
  if (!p) throw new BadInputError(source, param, `"${text}" is not a protocol; expected TCP, UDP or SCTP`);
  return p;
}

/**
 * Parses the query of `GET /trace`. Unknown parameters are errors (a typo would otherwise
 * silently trace something else).
 * @throws {BadInputError} naming the first bad parameter and what was expected
 * @example parseProbeQuery({ from: 'x/a', to: 'x/b', port: '80' }) // TCP x/a → x/b:80
 */
export function parseProbeQuery(query: Readonly<Record<string, string | undefined>>, source = 'GET /trace'): ProbeQuery {
  for (const key of Object.keys(query).sort()) {
    if (!TRACE_PARAMS.includes(key)) throw new BadInputError(source, key, `unknown parameter; expected ${TRACE_PARAMS.join(', ')}`);
  }
  const from = query['from'];
  const to = query['to'];
  if (from === undefined || from === '') throw new BadInputError(source, 'from', `missing; expected ${FORMS}`);
  if (to === undefined || to === '') throw new BadInputError(source, 'to', `missing; expected ${FORMS}`);
  const sourceRef = parseEndpointRef(source, 'from', from);
  if (sourceRef.kind === 'service') throw new BadInputError(source, 'from', `"${from}": a Service cannot open a connection; expected "ns/pod", "node:NAME" or "ip:A.B.C.D"`);
  const target = parseEndpointRef(source, 'to', to);
  return { from, to, source: sourceRef, target, port: parsePort(source, 'port', query['port']), protocol: parseProtocol(source, 'protocol', query['protocol']) };
}
