/**
 * @module The original KSR's proto-JSON values (snake_case proto field names, enums as
 * integers, zero values omitted) rewritten as the Kubernetes JSON they were reflected from, so
 * one decoder (and one set of validation rules) serves both encodings. Pure.
 */
import { BadInputError } from '../../core/errors.ts';
import type { KsrKind } from './model.ts';
import { ProtoReader } from './proto-reader.ts';

type Json = Record<string, unknown>;

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const POLICY_TYPES: Record<number, string[] | undefined> = { 0: undefined, 1: ['Ingress'], 2: ['Egress'], 3: ['Ingress', 'Egress'] };
const NODE_ADDRESS_TYPES: Record<number, string | undefined> = { 1: 'Hostname', 2: 'ExternalIP', 3: 'InternalIP', 4: 'ExternalDNS', 5: 'InternalDNS' };

/** Whether a stored value is in the proto-JSON encoding: no `metadata`, a top-level `name`. */
export function isProtoJson(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json).map((k) => k.toLowerCase());
  return !keys.includes('metadata') && typeof (json as Json)[Object.keys(json).find((k) => k.toLowerCase() === 'name') ?? ''] === 'string';
}

/**
 * Rewrites a proto-JSON value of `kind` as Kubernetes JSON.
 * @throws {BadInputError} naming `source` and the proto field when the value is malformed
 */
export function protoToK8s(kind: KsrKind, json: unknown, source: string): Json {
  const r = new ProtoReader(json, source, '');
  switch (kind) {
    case 'namespace':
      return { metadata: meta(r, false) };
    case 'pod':
      return pod(r);
    case 'policy':
      return policy(r);
    case 'service':
      return service(r);
    case 'endpoints':
      return endpoints(r);
    case 'node':
      return node(r);
    case 'endpointslice':
      throw new BadInputError(source, '', 'EndpointSlices have no proto-JSON encoding (the original KSR did not reflect them)');
  }
}

function meta(r: ProtoReader, namespaced: boolean): Json {
  return { name: r.str('name'), ...(namespaced ? { namespace: r.str('namespace') || undefined } : {}), labels: r.pairs('label') };
}

function protocol(r: ProtoReader, name: string): string | undefined {
  const n = r.num(name);
  const p = PROTOCOLS[n];
  if (p === undefined) throw new BadInputError(r.source, r.at ? `${r.at}.${name}` : name, `unknown protocol enum ${n} (proto-JSON value)`);
  return p;
}

function pod(r: ProtoReader): Json {
  return {
    metadata: meta(r, true),
    spec: {
      containers: r.list('container').map((c) => ({
        name: c.str('name'),
        ports: c.list('port').map((p) => ({
          name: p.str('name') || undefined,
          containerPort: p.num('container_port'),
          protocol: protocol(p, 'protocol'),
        })),
      })),
    },
    status: { podIP: r.str('ip_address') || undefined, hostIP: r.str('host_ip_address') || undefined },
  };
}

function selector(r: ProtoReader | undefined): Json | undefined {
  if (!r) return undefined;
  return {
    matchLabels: r.pairs('match_label'),
    matchExpressions: r.list('match_expression').map((e) => ({
      key: e.str('key'),
      operator: OPERATORS[e.num('operator')] ?? `enum ${e.num('operator')}`,
      values: e.strings('value'),
    })),
  };
}

function policy(r: ProtoReader): Json {
  const types = r.num('policy_type');
  if (!(types in POLICY_TYPES)) throw new BadInputError(r.source, 'policy_type', `unknown policy type enum ${types} (proto-JSON value)`);
  const port = (p: ProtoReader): Json => {
    const pn = p.struct('port');
    const value = pn === undefined ? undefined : pn.num('type') === 1 ? pn.str('name') : pn.num('number');
    return { protocol: protocol(p, 'protocol'), port: value };
  };
  const peer = (p: ProtoReader): Json => {
    const block = p.struct('ip_block');
    return {
      podSelector: selector(p.struct('pods')),
      namespaceSelector: selector(p.struct('namespaces')),
      ipBlock: block ? { cidr: block.str('cidr'), except: block.strings('except') } : undefined,
    };
  };
  return {
    metadata: meta(r, true),
    spec: {
      podSelector: selector(r.struct('pods')) ?? {},
      policyTypes: POLICY_TYPES[types],
      ingress: r.list('ingress_rule').map((rule) => ({ ports: rule.list('port').map(port), from: rule.list('from').map(peer) })),
      egress: r.list('egress_rule').map((rule) => ({ ports: rule.list('port').map(port), to: rule.list('to').map(peer) })),
    },
  };
}

function service(r: ProtoReader): Json {
  return {
    metadata: meta(r, true),
    spec: {
      type: r.str('service_type') || undefined,
      clusterIP: r.str('cluster_ip') || undefined,
      ports: r.list('port').map((p) => {
        const tp = p.struct('target_port');
        const target = tp === undefined ? undefined : tp.num('type') === 1 ? tp.str('string_val') : tp.num('int_val') || undefined;
        return {
          name: p.str('name') || undefined,
          protocol: p.str('protocol') || undefined,
          port: p.num('port'),
          targetPort: target,
          nodePort: p.num('node_port') || undefined,
        };
      }),
      selector: r.map('selector'),
      externalIPs: r.strings('external_ips'),
      sessionAffinity: r.str('session_affinity') || undefined,
      externalTrafficPolicy: r.str('external_traffic_policy') || undefined,
    },
  };
}

function endpoints(r: ProtoReader): Json {
  const address = (a: ProtoReader): Json => {
    const ref = a.struct('target_ref');
    return {
      ip: a.str('ip'),
      nodeName: a.str('node_name') || undefined,
      targetRef: ref ? { kind: ref.str('kind'), namespace: ref.str('namespace'), name: ref.str('name') } : undefined,
    };
  };
  return {
    metadata: meta(r, true),
    subsets: r.list('endpoint_subsets').map((s) => ({
      addresses: s.list('addresses').map(address),
      notReadyAddresses: s.list('not_ready_addresses').map(address),
      ports: s.list('ports').map((p) => ({ name: p.str('name') || undefined, port: p.num('port') || undefined, protocol: p.str('protocol') || undefined })),
    })),
  };
}

function node(r: ProtoReader): Json {
  return {
    metadata: { name: r.str('name') },
    spec: { podCIDR: r.str('pod_CIDR') || undefined },
    status: {
      addresses: r.list('addresses').flatMap((a) => {
        const type = NODE_ADDRESS_TYPES[a.num('type')];
        return type ? [{ type, address: a.str('address') }] : [];
      }),
    },
  };
}
