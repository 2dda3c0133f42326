/**
 * @module NodeTracer: traces probes through one running agent's simulated VPP and explains them
 * with what the other plugins know (pods, Services, policy provenance). It adapts the plugins'
 * APIs to the pure modules beside it (probe-target, local-world, explain-probe, reachability)
 * and to the probe spec and result shaping `simulate` uses (`cluster/`).
 */
import { shapeProbeResult } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { TraceExplainer } from '../../cluster/trace-explainer.ts';
import type { ContivApi } from '../contiv/api.ts';
import type { KsrApi } from '../ksr/api.ts';
import type { Protocol } from '../ksr/model.ts';
import { formatIp4 } from '../net/ipv4.ts';
import type { PolicyApi } from '../policy/api.ts';
import type { ServiceApi } from '../service/api.ts';
import type { VppApi } from '../vpp/api.ts';
import { probe } from '../vpp/sim/tracer/probe.ts';
import { explainProbe, type TraceProvenance } from './explain-probe.ts';
import { localWorld, type LocalDataPlane } from './local-world.ts';
import { remoteNodeOf, resolveLocalProbe, type TraceNodeFacts } from './probe-target.ts';
import { reachability, type Reachability, type ReachabilityPod, type ReachabilityQuery } from './reachability.ts';
import { TraceUnavailableError } from './trace-errors.ts';
import type { TraceResult } from './trace-result.ts';

/** The plugin APIs a tracer uses; only `vpp` (with its simulator) and `contiv` are required. */
export interface NodeTracerDeps {
  readonly vpp?: VppApi;
  readonly contiv?: ContivApi;
  readonly ksr?: KsrApi;
  readonly policy?: PolicyApi;
  readonly services?: ServiceApi;
}

/** Client port of every trace: a fixed port keeps repeated traces identical. */
export const TRACE_SOURCE_PORT = 40000;

const withoutPrefix = (ip: string | undefined): string | undefined => ip?.split('/')[0];

/** Traces and explains probes on this agent. */
export class NodeTracer {
  constructor(private readonly deps: NodeTracerDeps) {}

  /**
   * Traces `spec` through this node's data plane.
   * @throws {TraceUnavailableError} without an in-process simulator or the contiv plugin
   * @throws {BadInputError} naming `from` / `to` when they cannot be resolved here
   */
  trace(spec: ProbeSpec): TraceResult {
    const { dp, contiv } = this.#ready();
    const request = resolveLocalProbe({ ...spec, sourcePort: TRACE_SOURCE_PORT }, this.#facts(contiv), 'GET /trace');
    const result = explainProbe(spec, probe(localWorld(dp), request), this.#provenance(dp, contiv), dp.node);
    const remote = result.failure === 'dropped' ? remoteNodeOf(request.to, contiv.remoteNodes()) : undefined;
    if (remote === undefined) return result;
    return { ...result, reason: `${result.reason}; ${formatIp4(request.to)} is on ${remote}, beyond the data plane this agent sees (simulate follows it across nodes)` };
  }

  /**
   * The reachability matrix of this node's pods.
   * @throws {TraceUnavailableError} without an in-process simulator or the contiv plugin
   */
  reachability(q: ReachabilityQuery): Reachability {
    const { dp, contiv } = this.#ready();
    const facts = this.#facts(contiv);
    const pods: ReachabilityPod[] = contiv.localPods().map((p) => ({
      namespace: p.id.namespace, name: p.id.name, ip: p.ip,
      ports: (this.deps.ksr?.get('pod', `${p.id.namespace}/${p.id.name}`)?.containerPorts ?? []).map((c) => ({ port: c.containerPort, protocol: c.protocol })),
    }));
    const provenance = this.#provenance(dp, contiv);
    const verdict = (from: string, to: string, port: number, protocol: Protocol) => {
      const spec: ProbeSpec = { from, to, port, protocol };
      const request = resolveLocalProbe({ ...spec, sourcePort: TRACE_SOURCE_PORT }, facts, 'GET /reachability');
      return shapeProbeResult(spec, [probe(localWorld(dp), request)], provenance, provenance.steps);
    };
    return reachability(dp.node, pods, verdict, q);
  }

  #ready(): { dp: LocalDataPlane; contiv: ContivApi } {
    const { vpp, contiv } = this.deps;
    if (!vpp) throw new TraceUnavailableError('the build has no vpp plugin');
    const sim = vpp.inProcessSimulator?.();
    if (!sim) {
      throw new TraceUnavailableError('the vpp plugin has no in-process simulator (plugins.vpp.adapter is "socket": it programs a real VPP), so there is no data plane model to trace; use `simulate` on manifests instead');
    }
    if (!contiv) throw new TraceUnavailableError('the build has no contiv plugin (it knows the pods and the node)');
    const gateway = contiv.defaultGateway();
    const dp: LocalDataPlane = {
      node: contiv.nodeName(),
      state: sim.state,
      clock: sim.clock,
      mainInterface: contiv.mainInterface(),
      hostInterconnect: contiv.hostInterconnect(),
      ...(gateway !== undefined ? { gateway } : {}),
      internalPrefixes: [contiv.clusterPodSubnet(), contiv.serviceCidr(), ...contiv.remoteNodes().map((n) => n.podSubnet)],
    };
    return { dp, contiv };
  }

  #facts(contiv: ContivApi): TraceNodeFacts {
    const { ksr, services } = this.deps;
    const node = contiv.nodeName();
    const nodeIp = contiv.nodeIp();
    return {
      node,
      localPodIp: (namespace, name) => contiv.localPod({ namespace, name })?.ip,
      pod: (namespace, name) => {
        const p = ksr?.get('pod', `${namespace}/${name}`);
        return p ? { hostNetwork: p.hostNetwork, ...(p.ip !== undefined ? { ip: p.ip } : {}), ...(p.nodeName !== undefined ? { node: p.nodeName } : {}) } : undefined;
      },
      service: (namespace, name) => {
        const id = `${namespace}/${name}`;
        const model = services?.service(id);
        const clusterIP = model ? model.clusterIPs[0] : ksr?.get('service', id)?.clusterIPs[0];
        return model || ksr?.get('service', id) ? (clusterIP !== undefined ? { clusterIP } : {}) : undefined;
      },
      nodeAddress: (name) => {
        if (name === node) return withoutPrefix(nodeIp);
        const remote = contiv.remoteNodes().find((n) => n.name === name)?.ip;
        return remote ?? ksr?.get('node', name)?.addresses.find((a) => a.type === 'InternalIP')?.address;
      },
      inside: [
        contiv.clusterPodSubnet(), contiv.serviceCidr(), ...(nodeIp !== undefined ? [nodeIp] : []),
        ...contiv.nodeAddresses(), contiv.hostInterconnectHostIp(),
        ...contiv.remoteNodes().flatMap((n) => [n.podSubnet, ...(n.ip !== undefined ? [n.ip] : [])]),
      ],
    };
  }

  #provenance(dp: LocalDataPlane, contiv: ContivApi): TraceProvenance {
    const { ksr, policy, services } = this.deps;
    const byName = new Map([...dp.state.interfaces.values()].map((i) => [i.name, i.tag]));
    const apis = { ...(policy ? { policy } : {}), ...(services ? { service: services } : {}) };
    const podNamed = (ip: string): string | undefined => {
      const local = contiv.localPods().find((x) => x.ip === ip);
      if (local) return `${local.id.namespace}/${local.id.name}`;
      const pod = ksr?.list('pod').find((x) => x.ip === ip && !x.hostNetwork && !x.terminating);
      return pod ? `${pod.namespace}/${pod.name}` : undefined;
    };
    return {
      aclRule: (acl, rule) => policy?.explainAclRule(acl, rule),
      serviceByTag: (tag) => {
        const ref = services?.byTag(tag);
        if (!ref) return undefined;
        return { service: ref.service.id, ...(ref.port ? { port: ref.port.port, ...(ref.port.name !== '' ? { portName: ref.port.name } : {}) } : {}) };
      },
      interfaceTag: (name) => byName.get(name) || undefined,
      podByInterface: (tag) => {
        const p = contiv.localPods().find((x) => x.interface === tag);
        return p ? `${p.id.namespace}/${p.id.name}` : undefined;
      },
      podAt: (_node, ip) => podNamed(formatIp4(ip)),
      policiesOf: (pod) => policy?.policiesOf(pod) ?? [],
      steps: new TraceExplainer((node) => (node === dp.node ? apis : undefined)),
    };
  }
}
