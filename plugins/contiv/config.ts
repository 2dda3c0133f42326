/**
 * @module The contiv plugin's config section (`plugins.contiv`): IPAM subnets, the node list
 * with their interfaces, and the interconnect / pod wiring switches. Every field is documented
 * with its default; unknown keys are errors.
 */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../../core/plugin.ts';
import { cidrOverlaps, isIp4, parseCidr, parseIfAddress, type Cidr } from '../net/ipv4.ts';

/** `a.b.c.d/len`, a network prefix. */
const cidrText = z.string().refine((s) => canParse(() => parseCidr(s)) && s.includes('/'), {
  message: 'expected an IPv4 CIDR a.b.c.d/len',
});
/** `a.b.c.d/len`, an interface address (host bits set, not the network or broadcast address). */
const ifAddressText = z.string().superRefine((s, ctx) => {
  if (!s.includes('/') || !canParse(() => parseIfAddress(s))) {
    ctx.addIssue({ code: 'custom', message: 'expected an interface address a.b.c.d/len (e.g. 192.168.16.1/24)' });
    return;
  }
  const { ip, len } = parseIfAddress(s);
  const net = parseCidr(s);
  if (len < 31 && (ip === net.addr || ip === (net.addr | (2 ** (32 - len) - 1)) >>> 0)) {
    ctx.addIssue({ code: 'custom', message: `${s} is the network or broadcast address of its prefix` });
  }
});
const ip4Text = z.string().refine(isIp4, { message: 'expected an IPv4 address a.b.c.d' });

function canParse(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

/** One VPP interface of a node with its address source. */
const interfaceSchema = z
  .object({
    /** VPP interface name (`GigabitEthernet0/8/0`). Required. */
    name: z.string().min(1),
    /** Static address with prefix (`192.168.16.1/24`). @default none (IPAM / DHCP) */
    ip: ifAddressText.optional(),
    /** Run VPP's DHCP client on the interface instead of a static address. @default false */
    dhcp: z.boolean().default(false),
  })
  .strict()
  .refine((i) => !(i.ip && i.dhcp), { message: 'give either ip or dhcp: true, not both' });

/** Settings of one node, matched by name against the agent label. */
const nodeSchema = z
  .object({
    /** Node name (= the agent label of that node's agent). Required. */
    name: z.string().min(1),
    /** The NIC towards the other nodes and the default gateway. */
    mainInterface: interfaceSchema,
    /** Further NICs, configured with their static address. @default [] */
    otherInterfaces: z.array(interfaceSchema).default([]),
    /** Default gateway (no prefix); with DHCP the lease's router wins. @default none */
    gateway: ip4Text.optional(),
    /** Overrides the global `natExternalTraffic` for this node. @default the global value */
    natExternalTraffic: z.boolean().optional(),
  })
  .strict();

/** IPAM: which subnets the cluster uses and how they are cut per node. */
const ipamSchema = z
  .object({
    /** Cluster-wide pod subnet. @default 10.1.0.0/16 */
    podSubnetCIDR: cidrText.default('10.1.0.0/16'),
    /** Prefix length of one node's pod subnet (when the Node has no spec.podCIDR). @default 24 */
    podNetworkPrefixLen: z.number().int().min(1).max(30).default(24),
    /** Subnet of the VPP-to-host interconnects of all nodes. @default 172.30.0.0/16 */
    vppHostSubnetCIDR: cidrText.default('172.30.0.0/16'),
    /** Prefix length of one node's VPP-to-host interconnect. @default 24 */
    vppHostNetworkPrefixLen: z.number().int().min(1).max(30).default(24),
    /** Subnet the node IPs come from (node ID = host part) unless static or DHCP. @default 192.168.16.0/24 */
    nodeInterconnectCIDR: cidrText.default('192.168.16.0/24'),
    /** Main NICs use DHCP unless the node entry gives a static IP. @default false */
    nodeInterconnectDHCP: z.boolean().default(false),
    /** Subnet of the VXLAN BVI addresses (node ID = host part). @default 192.168.30.0/24 */
    vxlanCIDR: cidrText.default('192.168.30.0/24'),
    /** Kubernetes service CIDR. @default 10.96.0.0/12 */
    serviceCIDR: cidrText.default('10.96.0.0/12'),
  })
  .strict()
  .superRefine((ipam, ctx) => {
    const fields = ['podSubnetCIDR', 'vppHostSubnetCIDR', 'nodeInterconnectCIDR', 'vxlanCIDR', 'serviceCIDR'] as const;
    // field errors are reported already; cross-field checks need every CIDR
    if (!fields.every((f) => typeof ipam[f] === 'string' && canParse(() => parseCidr(ipam[f])))) return;
    const pod = parseCidr(ipam.podSubnetCIDR);
    const host = parseCidr(ipam.vppHostSubnetCIDR);
    if (ipam.podNetworkPrefixLen <= pod.len) {
      ctx.addIssue({
        code: 'custom', path: ['podNetworkPrefixLen'],
        message: `must be longer than the prefix of podSubnetCIDR ${ipam.podSubnetCIDR} (/${pod.len}), got ${ipam.podNetworkPrefixLen}`,
      });
    }
    if (ipam.vppHostNetworkPrefixLen <= host.len) {
      ctx.addIssue({
        code: 'custom', path: ['vppHostNetworkPrefixLen'],
        message: `must be longer than the prefix of vppHostSubnetCIDR ${ipam.vppHostSubnetCIDR} (/${host.len}), got ${ipam.vppHostNetworkPrefixLen}`,
      });
    }
    for (const f of ['nodeInterconnectCIDR', 'vxlanCIDR'] as const) {
      if (parseCidr(ipam[f]).len > 30) ctx.addIssue({ code: 'custom', path: [f], message: `${ipam[f]} is too small: at most /30` });
    }
    const named: [string, Cidr][] = fields.map((f) => [f, parseCidr(ipam[f])]);
    for (let i = 0; i < named.length; i++) {
      for (let j = i + 1; j < named.length; j++) {
        const [a, ca] = named[i]!;
        const [b, cb] = named[j]!;
        if (cidrOverlaps(ca, cb)) ctx.addIssue({ code: 'custom', path: [b], message: `${b} overlaps ${a}` });
      }
    }
  });

/** Settings of the tap interfaces VPP creates for pods and the host interconnect. */
const tapSchema = z
  .object({
    /** Receive ring size of tap v2 interfaces (power of two). @default 256 */
    rxRingSize: z.number().int().min(0).max(32768).default(256),
    /** Transmit ring size of tap v2 interfaces (power of two). @default 256 */
    txRingSize: z.number().int().min(0).max(32768).default(256),
  })
  .strict()
  .refine((t) => [t.rxRingSize, t.txRingSize].every((n) => n === 0 || (n & (n - 1)) === 0), {
    message: 'ring sizes must be powers of two (or 0 for VPP\'s default)',
  });

/** CNI request handling. */
const cniSchema = z
  .object({
    /** Reject ADD requests whose netns path does not exist on this host. @default false (simulation) */
    checkNetnsExists: z.boolean().default(false),
  })
  .strict();

/** The schema of `plugins.contiv`. */
export const contivConfigSchema = z
  .object({
    /** Subnets and per-node prefix lengths. @default see each field */
    ipam: ipamSchema.prefault({}),
    /** Per-node settings (main NIC, other NICs, gateway). Nodes not listed use the defaults. @default [] */
    nodes: z.array(nodeSchema).default([]),
    /** Main NIC of nodes not in `nodes` (must exist in VPP). @default GigabitEthernet0/8/0 */
    defaultMainInterface: z.string().min(1).default('GigabitEthernet0/8/0'),
    /** Join nodes by plain L2/L3 over the main NICs instead of a VXLAN full mesh. @default false */
    l2Interconnect: z.boolean().default(false),
    /** VNI of the VXLAN tunnels between nodes. @default 10 */
    vxlanVni: z.number().int().min(1).max(0xffffff).default(10),
    /** Use VPP's TCP stack (session layer, one app namespace per pod). @default false */
    tcpStack: z.boolean().default(false),
    /** Source-NAT pod traffic leaving the cluster (service plugin). @default true */
    natExternalTraffic: z.boolean().default(true),
    /** Tap interface settings. @default { rxRingSize: 256, txRingSize: 256 } */
    tap: tapSchema.prefault({}),
    /** CNI request handling. @default { checkNetnsExists: false } */
    cni: cniSchema.prefault({}),
    /** Delete this node's `allocatedIDs/<id>` entry when the agent stops cleanly. @default true */
    releaseNodeIdOnShutdown: z.boolean().default(true),
    /** How often node-ID allocation retries after losing a race to another node. @default 100 */
    nodeIdMaxAttempts: z.number().int().min(1).max(10_000).default(100),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    if (!Array.isArray(cfg.nodes)) return;
    cfg.nodes.forEach((n, i) => {
      if (seen.has(n.name)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `node "${n.name}" is listed twice` });
      seen.add(n.name);
    });
  });

/** The validated contiv config. */
export type ContivConfig = z.output<typeof contivConfigSchema>;
/** IPAM part of the config. */
export type IpamConfig = ContivConfig['ipam'];
/** One entry of `nodes`. */
export type NodeConfig = ContivConfig['nodes'][number];
/** An interface entry of a node. */
export type InterfaceConfig = NodeConfig['mainInterface'];

/** Token of the validated contiv config. */
export const CONTIV_CONFIG: InjectionToken<ContivConfig> = Symbol('contiv.Config');

/** The contiv plugin's config section. */
export const contivConfig = pluginConfig(CONTIV_CONFIG, contivConfigSchema);

/** The config with every default (what an empty `plugins.contiv` section yields). */
export function defaultContivConfig(overrides: z.input<typeof contivConfigSchema> = {}): ContivConfig {
  return contivConfigSchema.parse(overrides);
}
