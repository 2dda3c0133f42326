/**
 * @module The complete desired VPP state of contiv on one node: node-level config, the
 * interconnect to every reachable remote node, and every wired pod. Pure; the plugin diffs
 * consecutive results into the event's transaction.
 */
import { formatIp4 } from '../../net/ipv4.ts';
import { vppKeys, type VppValue } from '../../vpp/model.ts';
import type { WiredPod } from '../pod/local-pod-registry.ts';
import { addBaseConfig } from './base-config.ts';
import type { DesiredState } from './desired-state.ts';
import type { NodePlan, RemoteNodePlan } from './node-plan.ts';
import { addPodConfig } from './pod-config.ts';
import { addRemoteNodeConfig, canConnect, vxlanBridgeDomain } from './remote-node-config.ts';

/** The desired state for `plan`, the remote nodes (sorted by ID here) and the wired pods. */
export function vswitchState(plan: NodePlan, remotes: readonly RemoteNodePlan[], pods: readonly WiredPod[]): DesiredState {
  const out = new Map<string, VppValue>();
  addBaseConfig(plan, out);
  const connected = [...remotes].sort((a, b) => a.id - b.id).filter((r) => r.id !== plan.nodeId && canConnect(plan, r));
  for (const r of connected) addRemoteNodeConfig(plan, r, out);
  if (plan.vxlan) {
    const bd = vxlanBridgeDomain(connected.map((r) => r.id));
    out.set(vppKeys.bd(bd.name), bd);
  }
  const podOpts = {
    gateway: formatIp4(plan.pod.gateway),
    tcpStack: plan.tcpStack,
    rxRingSize: plan.tap.rxRingSize,
    txRingSize: plan.tap.txRingSize,
  };
  for (const p of pods) addPodConfig(p, podOpts, out);
  return out;
}
