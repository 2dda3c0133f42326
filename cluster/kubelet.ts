/**
 * @module Kubelet: what the kubelet of each simulated node does for pod networking — CNI ADD
 * on the pod's node through the agent's CNI entry point (`POST /cni/add`, the request the
 * contiv CNI binary forwards), asking for the pod's `status.podIP` when the manifest gives one
 * (CNI_ARGS `IP=`), and CNI DEL when the pod goes away. Remembers which pod is wired where.
 */
import { BadInputError } from '../core/errors.ts';
import type { ObjectId } from '../plugins/ksr/model.ts';
import type { SimNode } from './sim-node.ts';

/** A pod wired on a node. */
export interface WiredPod {
  readonly node: string;
  readonly containerId: string;
  /** The IP CNI ADD answered. */
  readonly ip: string;
}

const NETWORK_CONFIG = { cniVersion: '1.0.0', name: 'contiv-ts', type: 'contiv-cni' };

/** The sandbox (container) ID kubelet uses for a pod. */
export function sandboxId(pod: ObjectId): string {
  return `sim_${pod.namespace}_${pod.name}`;
}

const key = (pod: ObjectId): string => `${pod.namespace}/${pod.name}`;

/** CNI requests of the simulated kubelets. */
export class Kubelet {
  readonly #wired = new Map<string, WiredPod>();

  /** The wiring of a pod, if wired. */
  wired(pod: ObjectId): WiredPod | undefined {
    return this.#wired.get(key(pod));
  }

  /**
   * CNI ADD of `pod` on `node`.
   * @param requestedIp the pod's `status.podIP` from its manifest
   * @param source names the pod object in errors
   * @returns the pod IP
   * @throws {BadInputError} naming the pod when the agent refuses (no IP left, IP taken, ...)
   */
  async add(node: SimNode, pod: ObjectId, source: string, requestedIp?: string): Promise<string> {
    const containerId = sandboxId(pod);
    const args = `K8S_POD_NAMESPACE=${pod.namespace};K8S_POD_NAME=${pod.name}${requestedIp !== undefined ? `;IP=${requestedIp}` : ''}`;
    const res = await node.fetch('/cni/add', {
      method: 'POST',
      body: JSON.stringify({ containerId, netns: `/var/run/netns/${containerId}`, ifName: 'eth0', args, config: NETWORK_CONFIG }),
    });
    const body = (await res.json()) as { ips?: { address?: string }[]; code?: number; msg?: string };
    const ip = body.ips?.[0]?.address?.split('/')[0];
    if (res.status !== 200 || ip === undefined) {
      const field = requestedIp !== undefined ? 'status.podIP' : 'spec.nodeName';
      throw new BadInputError(source, field, `CNI ADD on node ${node.name} failed (CNI code ${body.code ?? '?'}): ${body.msg ?? res.statusText}`);
    }
    this.#wired.set(key(pod), { node: node.name, containerId, ip });
    return ip;
  }

  /**
   * CNI DEL of a wired pod on its node (nothing when it is not wired).
   * @throws {BadInputError} naming the pod when the agent fails
   */
  async del(node: SimNode, pod: ObjectId, source: string): Promise<void> {
    const w = this.#wired.get(key(pod));
    if (!w) return;
    const res = await node.fetch('/cni/del', {
      method: 'POST',
      body: JSON.stringify({ containerId: w.containerId, netns: `/var/run/netns/${w.containerId}`, ifName: 'eth0', args: `K8S_POD_NAMESPACE=${pod.namespace};K8S_POD_NAME=${pod.name}`, config: NETWORK_CONFIG }),
    });
    if (res.status !== 200) {
      const body = (await res.json()) as { code?: number; msg?: string };
      throw new BadInputError(source, '', `CNI DEL on node ${node.name} failed (CNI code ${body.code ?? '?'}): ${body.msg ?? res.statusText}`);
    }
    this.#wired.delete(key(pod));
  }
}
