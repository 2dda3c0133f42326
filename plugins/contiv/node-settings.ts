/**
 * @module This node's settings resolved from the config: which NIC is the main one, where its
 * address comes from (static, DHCP or IPAM), its gateway, its other NICs. Pure.
 */
import { parseIfAddress, parseIp4, type Ip4 } from '../net/ipv4.ts';
import type { ContivConfig, NodeConfig } from './config.ts';
import type { PlannedInterface } from './vswitch/node-plan.ts';

/** Where the node IP comes from. */
export type NodeIpSource = 'static' | 'dhcp' | 'ipam';

/** This node's interface settings. */
export interface NodeSettings {
  /** The node's entry in `nodes`, if listed. */
  readonly entry?: NodeConfig;
  readonly main: PlannedInterface;
  readonly others: readonly PlannedInterface[];
  readonly ipSource: NodeIpSource;
  /** Configured default gateway. */
  readonly gateway?: Ip4;
  readonly natExternalTraffic: boolean;
}

/** Resolves the settings of node `nodeName` (the config is already validated). */
export function nodeSettings(cfg: ContivConfig, nodeName: string): NodeSettings {
  const entry = cfg.nodes.find((n) => n.name === nodeName);
  const mainCfg = entry?.mainInterface;
  const staticIp = mainCfg?.ip ? parseIfAddress(mainCfg.ip) : undefined;
  const dhcp = mainCfg?.dhcp === true || (staticIp === undefined && cfg.ipam.nodeInterconnectDHCP);
  const ipSource: NodeIpSource = staticIp ? 'static' : dhcp ? 'dhcp' : 'ipam';
  return {
    ...(entry ? { entry } : {}),
    main: { name: mainCfg?.name ?? cfg.defaultMainInterface, dhcp, ...(staticIp ? { ip: staticIp } : {}) },
    others: (entry?.otherInterfaces ?? []).map((o) => ({ name: o.name, dhcp: o.dhcp, ...(o.ip ? { ip: parseIfAddress(o.ip) } : {}) })),
    ipSource,
    ...(entry?.gateway ? { gateway: parseIp4(entry.gateway) } : {}),
    natExternalTraffic: entry?.natExternalTraffic ?? cfg.natExternalTraffic,
  };
}
