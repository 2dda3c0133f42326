/**
 * @module Pieces every Kubernetes decoder shares: metadata and selector schemas, label,
 * selector, port and address validation with errors naming source and field. Pure.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import { parseCidr, type Cidr } from '../net/ipv4.ts';
import type { LabelSelector, LabelSelectorRequirement, Labels, Protocol } from './model.ts';
import { labelKeyProblem, labelValueProblem, portNameProblem, servicePortNameProblem } from './label-syntax.ts';
import { field } from './zod-issue.ts';

/** A string map as Kubernetes writes it (null allowed where Go omits nothing). */
export const stringMap = z.record(z.string(), z.string()).nullish();

/** `metadata` (only the fields the agent reads; others pass). */
export const metaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).nullish(),
  labels: stringMap,
  deletionTimestamp: z.string().nullish(),
});

/** A label selector as written; operators are checked by {@linkcode decodeSelector}. */
export const selectorSchema = z.looseObject({
  matchLabels: stringMap,
  matchExpressions: z
    .array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).nullish() }))
    .nullish(),
});

/** A protocol (absent = TCP). */
export const protocolSchema = z.enum(['TCP', 'UDP', 'SCTP']).nullish();

/** A number or a name (`targetPort`, NetworkPolicy `port`). */
export const intOrString = z.union([z.number().int(), z.string().min(1)]);

/** The object's kind keyword and id for messages: `Pod default/web-1`. */
export function describeObject(kind: string, name: string, namespace?: string | null): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** Validates labels and returns them with sorted keys (deterministic output). @throws {BadInputError} */
export function decodeLabels(labels: Readonly<Record<string, string>> | null | undefined, source: string, at: string): Labels {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels ?? {}).sort()) {
    const value = labels![key]!;
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) throw new BadInputError(source, field(at, key), problem);
    out[key] = value;
  }
  return out;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** Validates a label selector (labels, operators, values). @throws {BadInputError} */
export function decodeSelector(sel: z.output<typeof selectorSchema> | null | undefined, source: string, at: string): LabelSelector {
  const matchLabels = decodeLabels(sel?.matchLabels, source, field(at, 'matchLabels'));
  const matchExpressions = (sel?.matchExpressions ?? []).map((e, i): LabelSelectorRequirement => {
    const here = field(field(at, 'matchExpressions'), i);
    const keyProblem = labelKeyProblem(e.key);
    if (keyProblem) throw new BadInputError(source, field(here, 'key'), keyProblem);
    const operator = OPERATORS.find((o) => o === e.operator);
    if (!operator) {
      throw new BadInputError(source, field(here, 'operator'), `unknown operator "${e.operator}" (expected In, NotIn, Exists or DoesNotExist)`);
    }
    const values = e.values ?? [];
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      throw new BadInputError(source, field(here, 'values'), `operator ${operator} needs at least one value`);
    }
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      throw new BadInputError(source, field(here, 'values'), `operator ${operator} takes no values`);
    }
    values.forEach((v, j) => {
      const problem = labelValueProblem(v);
      if (problem) throw new BadInputError(source, field(field(here, 'values'), j), problem);
    });
    return { key: e.key, operator, values: [...values] };
  });
  return { matchLabels, matchExpressions };
}

/** The protocol with Kubernetes' default. */
export function protocolOf(p: Protocol | null | undefined): Protocol {
  return p ?? 'TCP';
}

/** Checks a port number (1-65535). @throws {BadInputError} */
export function checkPort(port: number, source: string, at: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new BadInputError(source, at, `port ${port} is out of range 1-65535`);
  return port;
}

/** Checks a number-or-name port. @throws {BadInputError} */
export function checkPortOrName(port: number | string, source: string, at: string): number | string {
  if (typeof port === 'number') return checkPort(port, source, at);
  // JSON from some tools writes numbers as strings; Kubernetes itself would have parsed them.
  const problem = portNameProblem(port);
  if (problem) throw new BadInputError(source, at, problem);
  return port;
}

/**
 * Checks an optional port name: a container port name (IANA service name, ≤ 15 characters), or
 * with `kind: 'service'` a Service / Endpoints port name (DNS label, ≤ 63 characters).
 * @throws {BadInputError}
 */
export function checkPortName(name: string | null | undefined, source: string, at: string, kind: 'container' | 'service' = 'container'): string | undefined {
  if (name === undefined || name === null || name === '') return undefined;
  const problem = kind === 'service' ? servicePortNameProblem(name) : portNameProblem(name);
  if (problem) throw new BadInputError(source, at, problem);
  return name;
}

/**
 * Validates an IP address (v4 or v6) and returns it when it is IPv4; IPv6 addresses are
 * dropped (the agent's data plane is IPv4 only). @throws {BadInputError} when it does not parse
 */
export function ipv4Only(text: string, source: string, at: string): string | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return text;
  if (ipaddr.IPv6.isValid(text)) return undefined;
  throw new BadInputError(source, at, `"${text}" is not an IP address`);
}

/** {@linkcode ipv4Only} over a list (IPv6 entries dropped, order kept). @throws {BadInputError} */
export function ipv4List(texts: readonly string[] | null | undefined, source: string, at: string): string[] {
  const out: string[] = [];
  (texts ?? []).forEach((t, i) => {
    const ip = ipv4Only(t, source, field(at, i));
    if (ip !== undefined) out.push(ip);
  });
  return out;
}

/**
 * Parses a CIDR (`a.b.c.d/len`, host bits cleared); IPv6 CIDRs give `undefined` (the caller
 * decides whether to drop or refuse them). @throws {BadInputError} when it is not a CIDR
 */
export function cidrV4(text: string, source: string, at: string): Cidr | undefined {
  if (!text.includes('/')) throw new BadInputError(source, at, `"${text}" is not a CIDR (a.b.c.d/len)`);
  if (text.includes(':')) {
    if (ipaddr.isValidCIDR(text)) return undefined;
    throw new BadInputError(source, at, `"${text}" is not a CIDR`);
  }
  try {
    return parseCidr(text);
  } catch (err: unknown) {
    throw new BadInputError(source, at, `"${text}" is not a CIDR (a.b.c.d/0-32)`, { cause: err });
  }
}
