import { describe, expect, it } from 'vitest';
import { decodeStoredObject } from '../../../../plugins/ksr/decode-value.ts';
import { K8S_PREFIX } from '../../../../plugins/ksr/keys.ts';
import { isProtoJson } from '../../../../plugins/ksr/proto-to-k8s.ts';

/** Legacy values exactly as the original KSR stored them (Go encoding/json over the proto structs), and their Kubernetes JSON. */
const cases: [string, string, unknown, unknown][] = [
  ['namespace', 'namespace/prod',
    { name: 'prod', label: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'a' }] },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { team: 'a', env: 'prod' } } }],
  ['pod', 'pod/web-1/namespace/default',
    { name: 'web-1', namespace: 'default', label: [{ key: 'app', value: 'web' }], ip_address: '10.1.1.5', host_ip_address: '192.168.16.1',
      container: [{ name: 'nginx', port: [{ name: 'http', container_port: 80 }, { name: 'dns', container_port: 53, protocol: 1 }] }] },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', ports: [{ name: 'http', containerPort: 80 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
      status: { podIP: '10.1.1.5', hostIP: '192.168.16.1' } }],
  ['policy with every peer form', 'policy/allow/namespace/prod',
    { name: 'allow', namespace: 'prod', label: [{ key: 'x', value: 'y' }], pods: { match_label: [{ key: 'app', value: 'web' }] }, policy_type: 3,
      ingress_rule: [{
        port: [{ port: { number: 80 } }, { protocol: 1, port: { type: 1, name: 'dns' } }, {}],
        from: [
          { pods: { match_expression: [{ key: 'tier', value: ['fe', 'be'] }] } },
          { namespaces: { match_expression: [{ key: 'env', operator: 2 }, { key: 'x', operator: 1, value: ['a'] }] } },
          { ip_block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
        ],
      }],
      egress_rule: [{ to: [{ pods: {} }] }] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow', namespace: 'prod', labels: { x: 'y' } },
      spec: {
        podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          ports: [{ port: 80 }, { protocol: 'UDP', port: 'dns' }, {}],
          from: [
            { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] } },
            { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }, { key: 'x', operator: 'NotIn', values: ['a'] }] } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
        }],
        egress: [{ to: [{ podSelector: {} }] }],
      } }],
  ['policy with DEFAULT type', 'policy/eg/namespace/prod',
    { name: 'eg', namespace: 'prod', pods: {}, egress_rule: [{ port: [{ protocol: 1, port: { number: 53 } }] }] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'eg', namespace: 'prod' },
      spec: { podSelector: {}, egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] } }],
  ['service', 'service/web/namespace/shop',
    { name: 'web', namespace: 'shop',
      port: [
        { name: 'http', protocol: 'TCP', port: 80, target_port: { type: 1, string_val: 'http' }, node_port: 30080 },
        { name: 'metrics', protocol: 'TCP', port: 9113, target_port: { int_val: 9113 } },
      ],
      selector: { app: 'web' }, cluster_ip: '10.96.0.20', service_type: 'NodePort', external_ips: ['198.51.100.1'],
      session_affinity: 'ClientIP', external_traffic_policy: 'Local', loadbalancer_ip: '203.0.113.9' },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' },
      spec: { type: 'NodePort', clusterIP: '10.96.0.20', selector: { app: 'web' }, externalIPs: ['198.51.100.1'], sessionAffinity: 'ClientIP',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }, { name: 'metrics', port: 9113, targetPort: 9113 }] } }],
  ['endpoints', 'endpoints/web/namespace/shop',
    { name: 'web', namespace: 'shop', endpoint_subsets: [{
      addresses: [{ ip: '10.1.1.2', node_name: 'node-1', target_ref: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u1' } }],
      not_ready_addresses: [{ ip: '10.1.2.2', host_name: 'h' }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }] },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'shop' },
      subsets: [{
        addresses: [{ ip: '10.1.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' } }],
        notReadyAddresses: [{ ip: '10.1.2.2', hostname: 'h' }],
        ports: [{ name: 'http', port: 8080 }],
      }] }],
  ['node', 'node/node-1',
    { name: 'node-1', pod_CIDR: '10.1.1.0/24', provider_ID: 'p',
      addresses: [{ type: 3, address: '192.168.16.1' }, { type: 1, address: 'node-1' }, { address: 'unknown-type' }],
      node_info: { machine_ID: 'm', KubeProxyVersion: 'v1.9' } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.1.1.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: '192.168.16.1' }, { type: 'Hostname', address: 'node-1' }] } }],
];

describe('protoToK8s', () => {
  it.each(cases)('decodes a legacy %s value to the same model object as its Kubernetes JSON', (_what, rel, proto, k8s) => {
    const key = `${K8S_PREFIX}${rel}`;
    expect(isProtoJson(proto)).toBe(true);
    expect(isProtoJson(k8s)).toBe(false);
    const fromProto = decodeStoredObject(key, JSON.stringify(proto));
    expect(fromProto).toEqual(decodeStoredObject(key, JSON.stringify(k8s)));
  });

  it('reads proto field names in any case, as Go does', () => {
    const key = `${K8S_PREFIX}node/n1`;
    expect(decodeStoredObject(key, '{"Name":"n1","POD_cidr":"10.1.1.0/24"}').object.value).toEqual({ name: 'n1', podCIDR: '10.1.1.0/24', addresses: [] });
  });

  it('rejects a legacy policy with an invalid CIDR naming the key and the field', () => {
    const key = `${K8S_PREFIX}policy/p/namespace/n`;
    const value = JSON.stringify({ name: 'p', namespace: 'n', ingress_rule: [{ from: [{ ip_block: { cidr: '10.0.0.0/40' } }] }] });
    expect(() => decodeStoredObject(key, value)).toThrow(expect.objectContaining({ source: key, field: 'spec.ingress[0].from[0].ipBlock.cidr' }));
  });

  it('rejects a legacy value with a mistyped field naming the proto field', () => {
    const key = `${K8S_PREFIX}pod/p/namespace/n`;
    expect(() => decodeStoredObject(key, '{"name":"p","namespace":"n","label":{"key":"a"}}')).toThrow(expect.objectContaining({ source: key, field: 'label' }));
    expect(() => decodeStoredObject(key, '{"name":"p","namespace":"n","container":[{"port":[{"protocol":7,"container_port":1}]}]}'))
      .toThrow(expect.objectContaining({ field: 'container[0].port[0].protocol' }));
  });
});
