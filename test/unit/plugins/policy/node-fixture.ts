/** @module A fake PolicyNode for pipeline-level unit tests (no `.test` suffix: not collected). */
import type { LocalPod } from '../../../../plugins/contiv/api.ts';
import type { PolicyNode } from '../../../../plugins/policy/policy-pipeline.ts';

/** Node facts a test can change. */
export class FakePolicyNode implements PolicyNode {
  pods: LocalPod[] = [];
  addresses: string[] = [];
  outbound: string[] = ['GbE', 'vxlanBVI'];

  /** Wires a pod (interface `tap-<name>`, app namespace `appns-<appns>`). */
  wire(namespace: string, name: string, ip: string, appns?: number): LocalPod {
    const p: LocalPod = { id: { namespace, name }, ip, interface: `tap-${name}`, containerId: `c-${name}`, ...(appns === undefined ? {} : { appNamespace: `appns-${appns}` }) };
    this.pods = [...this.pods.filter((x) => x.id.name !== name || x.id.namespace !== namespace), p];
    return p;
  }

  localPods(): readonly LocalPod[] {
    return this.pods;
  }

  localPod(key: string): LocalPod | undefined {
    return this.pods.find((p) => `${p.id.namespace}/${p.id.name}` === key);
  }

  nodeAddresses(): readonly string[] {
    return this.addresses;
  }

  outboundInterfaces(): readonly string[] {
    return this.outbound;
  }
}
