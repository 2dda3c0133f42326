import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../core/errors.ts';
import { decodePolicy } from '../../../../plugins/ksr/k8s-policy.ts';
import { badInputOf } from '../../../fakes/bad-input.ts';

const policy = (spec: Record<string, unknown>, meta: Record<string, unknown> = { name: 'p', namespace: 'ns' }) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta, spec,
});

function errorOf(json: unknown): BadInputError {
  return badInputOf(() => decodePolicy(json, 'src'));
}

describe('decodePolicy', () => {
  it('decodePolicy() defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    expect(decodePolicy(policy({ podSelector: {} }), 's').policyTypes).toEqual(['Ingress']);
    expect(decodePolicy(policy({ podSelector: {}, egress: [{}] }), 's').policyTypes).toEqual(['Ingress', 'Egress']);
    expect(decodePolicy(policy({ podSelector: {}, egress: [] }), 's').policyTypes).toEqual(['Ingress']);
    expect(decodePolicy(policy({ podSelector: {}, policyTypes: ['Egress'] }), 's').policyTypes).toEqual(['Egress']);
    expect(decodePolicy(policy({ podSelector: {}, policyTypes: ['Egress', 'Ingress'] }), 's').policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('decodePolicy() normalizes peers, ports and selectors of every form', () => {
    const p = decodePolicy(policy({
      podSelector: { matchLabels: { b: '2', a: '1' } },
      ingress: [
        {
          from: [
            { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] } },
            { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } },
            { ipBlock: { cidr: '10.1.2.3/16', except: ['10.1.5.0/24'] } },
          ],
          ports: [{ port: 80 }, { protocol: 'UDP', port: 'dns' }, { protocol: 'SCTP', port: 1000, endPort: 2000 }, {}],
        },
        {},
      ],
    }), 's');
    expect(p).toEqual({
      name: 'p', namespace: 'ns',
      podSelector: { matchLabels: { a: '1', b: '2' }, matchExpressions: [] },
      policyTypes: ['Ingress'],
      ingress: [
        {
          peers: [
            { podSelector: { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] } },
            { podSelector: { matchLabels: { app: 'x' }, matchExpressions: [] }, namespaceSelector: { matchLabels: {}, matchExpressions: [] } },
            { ipBlock: { cidr: '10.1.0.0/16', except: ['10.1.5.0/24'] } },
          ],
          ports: [
            { protocol: 'TCP', port: 80 },
            { protocol: 'UDP', port: 'dns' },
            { protocol: 'SCTP', port: 1000, endPort: 2000 },
            { protocol: 'TCP' },
          ],
        },
        { peers: [], ports: [] },
      ],
      egress: [],
    });
    expect(Object.keys(p.podSelector.matchLabels)).toEqual(['a', 'b']);
  });

  it.each([
    ['an invalid ipBlock CIDR', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.300/8' } }] }] }, 'spec.ingress[0].from[0].ipBlock.cidr', /not a CIDR/],
    ['a CIDR without length', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] }, 'spec.ingress[0].from[0].ipBlock.cidr', /not a CIDR/],
    ['an except outside the cidr', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/24'] } }] }] }, 'spec.egress[0].to[0].ipBlock.except[0]', /strict subset/],
    ['an except equal to the cidr', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }] }] }, 'spec.egress[0].to[0].ipBlock.except[0]', /strict subset/],
    ['an IPv6 ipBlock', { ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }] }, 'spec.ingress[0].from[0].ipBlock.cidr', /IPv6/],
    ['an unknown operator', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Has' }] } }, 'spec.podSelector.matchExpressions[0].operator', /unknown operator "Has"/],
    ['In without values', { podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } }, 'spec.podSelector.matchExpressions[0].values', /needs at least one value/],
    ['Exists with values', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } }, 'spec.podSelector.matchExpressions[0].values', /takes no values/],
    ['a bad selector label key', { podSelector: { matchLabels: { 'bad key': 'x' } } }, 'spec.podSelector.matchLabels["bad key"]', /label key/],
    ['a bad selector label value', { podSelector: { matchLabels: { app: '-x' } } }, 'spec.podSelector.matchLabels.app', /label value/],
    ['a port out of range', { ingress: [{ ports: [{ port: 70000 }] }] }, 'spec.ingress[0].ports[0].port', /out of range/],
    ['an endPort below the port', { ingress: [{ ports: [{ port: 100, endPort: 99 }] }] }, 'spec.ingress[0].ports[0].endPort', /below port/],
    ['an endPort with a named port', { ingress: [{ ports: [{ port: 'http', endPort: 99 }] }] }, 'spec.ingress[0].ports[0].endPort', /numeric port/],
    ['an unknown protocol', { ingress: [{ ports: [{ protocol: 'ICMP' }] }] }, 'spec.ingress[0].ports[0].protocol', /TCP/],
    ['an empty peer', { ingress: [{ from: [{}] }] }, 'spec.ingress[0].from[0]', /needs podSelector/],
    ['ipBlock with a selector', { ingress: [{ from: [{ ipBlock: { cidr: '1.0.0.0/8' }, podSelector: {} }] }] }, 'spec.ingress[0].from[0]', /cannot be combined/],
  ])('decodePolicy() rejects %s naming the field', (_what, spec, fieldPath, detail) => {
    const err = errorOf(policy({ podSelector: {}, ...spec }));
    expect(err.source).toBe('src');
    expect(err.field).toBe(fieldPath);
    expect(err.detail).toMatch(detail);
  });

  it('decodePolicy() rejects a policy without spec naming the field', () => {
    expect(errorOf({ metadata: { name: 'p' } }).field).toBe('spec');
  });
});
