/**
 * @module The VPP configuration of one pod: a tap into the pod's network namespace (pod IP
 * inside, VPP side unnumbered from the pod gateway loopback), a /32 route to the pod via the
 * tap, a static neighbour for the pod's MAC, and with the TCP stack a loopback and an app
 * namespace. Pure.
 */
import { vppKeys, type VppValue } from '../../vpp/model.ts';
import type { WiredPod } from '../pod/local-pod-registry.ts';
import { putRoute, route } from './base-config.ts';
import { APP_NAMESPACE_SECRET, POD_GATEWAY_LOOP } from './vswitch-names.ts';

/** Options of {@linkcode addPodConfig}. */
export interface PodConfigOptions {
  /** The pod gateway (no prefix). */
  readonly gateway: string;
  readonly tcpStack: boolean;
  readonly rxRingSize: number;
  readonly txRingSize: number;
}

/** The values of `pod`, added to `out`. */
export function addPodConfig(pod: WiredPod, opts: PodConfigOptions, out: Map<string, VppValue>): void {
  const { record, names } = pod;
  out.set(vppKeys.interface(names.tap), {
    name: names.tap,
    type: 'tap',
    enabled: true,
    mac: names.vppMac,
    ipAddresses: [],
    vrf: 0,
    unnumberedFrom: POD_GATEWAY_LOOP,
    tap: {
      hostIfName: record.ifName,
      netns: record.netns,
      hostIp: `${record.ip}/32`,
      hostMac: names.podMac,
      hostGateway: opts.gateway,
      rxRingSize: opts.rxRingSize,
      txRingSize: opts.txRingSize,
    },
  });
  putRoute(out, route(`${record.ip}/32`, undefined, names.tap));
  out.set(vppKeys.arp(names.tap, record.ip), { interface: names.tap, ip: record.ip, mac: names.podMac });
  if (opts.tcpStack) {
    out.set(vppKeys.interface(names.loopback), {
      name: names.loopback,
      type: 'loopback',
      enabled: true,
      ipAddresses: [`${record.ip}/32`],
      vrf: 0,
    });
    out.set(vppKeys.appNamespace(names.appNamespace), {
      namespaceId: names.appNamespace,
      secret: APP_NAMESPACE_SECRET,
      interface: names.loopback,
    });
  }
}
