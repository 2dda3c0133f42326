/**
 * @module The probe a client asks a running agent to trace (`GET /trace?from=&to=&port=&protocol=`):
 * the query parameters parsed into the probe spec `simulate` uses (`cluster/probe-spec.ts`), with
 * its endpoint forms (`ns/pod`, `svc:ns/name`, `node:NAME`, `ip:A.B.C.D`). Pure; errors name
 * the parameter and what was expected.
 */
import { parseFromRef, parseToRef, type ProbeSpec } from '../../cluster/probe-spec.ts';
import { BadInputError } from '../../core/errors.ts';
import type { Protocol } from '../ksr/model.ts';

/** The query parameters `/trace` knows. */
export const TRACE_PARAMS: readonly string[] = ['from', 'to', 'port', 'protocol'];

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const FROM_FORMS = '"ns/pod", "node:NAME" or "ip:A.B.C.D"';
const TO_FORMS = '"ns/pod", "svc:ns/name", "node:NAME" or "ip:A.B.C.D"';

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
 * Parses the query of `GET /trace` into a probe spec. Unknown parameters are errors (a typo
 * would otherwise silently trace something else).
 * @throws {BadInputError} naming the first bad parameter and what was expected
 * @example parseProbeQuery({ from: 'x/a', to: 'svc:x/web', port: '80' }) // → { from, to, port: 80, protocol: 'TCP' }
 */
export function parseProbeQuery(query: Readonly<Record<string, string | undefined>>, source = 'GET /trace'): ProbeSpec {
  for (const key of Object.keys(query).sort()) {
    if (!TRACE_PARAMS.includes(key)) throw new BadInputError(source, key, `unknown parameter; expected ${TRACE_PARAMS.join(', ')}`);
  }
  const from = query['from'];
  const to = query['to'];
  if (from === undefined || from === '') throw new BadInputError(source, 'from', `missing; expected ${FROM_FORMS}`);
  if (to === undefined || to === '') throw new BadInputError(source, 'to', `missing; expected ${TO_FORMS}`);
  parseFromRef(from, source, 'from');
  parseToRef(to, source, 'to');
  return { from, to, port: parsePort(source, 'port', query['port']), protocol: parseProtocol(source, 'protocol', query['protocol']) };
}
