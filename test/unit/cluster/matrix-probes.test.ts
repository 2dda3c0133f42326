import { describe, expect, it } from 'vitest';
import { matrixProbes } from '../../../cluster/matrix-probes.ts';
import type { Pod } from '../../../plugins/ksr/model.ts';

const pod = (name: string, ports: Pod['containerPorts'], ip: string | null = '10.1.1.2'): Pod => ({
  namespace: 'x', name, labels: {}, nodeName: 'n1', ...(ip ? { ip } : {}), hostNetwork: false, ready: true, terminating: false, containerPorts: ports,
});

describe('matrixProbes', () => {
  it('matrixProbes() probes every pod pair on every distinct declared port of the destination, sorted', () => {
    const probes = matrixProbes([
      pod('b', [{ containerPort: 81, protocol: 'UDP' }, { containerPort: 80, protocol: 'TCP' }, { name: 'again', containerPort: 80, protocol: 'TCP' }]),
      pod('a', []),
      pod('z', [{ containerPort: 1, protocol: 'TCP' }], null),
    ]);
    expect(probes.map((p) => `${p.from}>${p.to} ${p.protocol}/${p.port}`)).toEqual(['x/a>x/b TCP/80', 'x/a>x/b UDP/81', 'x/b>x/b TCP/80', 'x/b>x/b UDP/81']);
  });
});
