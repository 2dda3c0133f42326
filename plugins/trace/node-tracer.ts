/**
 * @module NodeTracer: traces probes through one running agent's simulated VPP and explains them
 * with what the other plugins know (pods, Services, policy provenance). It adapts the plugins'
 * APIs to the pure modules beside it (probe-target, local-world, trace-explainer, reachability).
 */
import type { ContivApi } from '../contiv/api.ts';
import type { KsrApi } from '../ksr/api.ts';
import type { Protocol } from '../ksr/model.ts';
import type { PolicyApi } from '../policy/api.ts';
import type { ServiceApi } from '../service/api.ts';
import type { VppApi } from '../vpp/api.ts';
import { probe } from '../vpp/sim/tracer/probe.ts';
import { localWorld, type LocalDataPlane } from './local-world.ts';
import type { ProbeQuery } from './probe-query.ts';
import { resolveProbe, type TraceNodeFacts } from './probe-target.ts';
import { reachability, type Reachability, type ReachabilityPod, type ReachabilityQuery } from './reachability.ts';
import { TraceUnavailableError } from './trace-errors.ts';
import { explainProbe, type TraceProvenance } from './trace-explainer.ts';
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
const split = (id: string): { namespace: string; name: string } => {
  const [namespace = '', name = ''] = id.split('/');
  return { namespace, name };
};

/** Traces and explains probes on this agent. */
export class NodeTracer {
  constructor(private readonly deps: NodeTracerDeps) {}

  /**
   * Traces `q` through this node's data plane.
   * @throws {TraceUnavailableError} without an in-process simulator or the contiv plugin
   * @throws {BadInputError} naming `from` / `to` when they cannot be resolved here
   */
  trace(q: ProbeQuery): TraceResult {
    const { dp, contiv } = this.#ready();
    const req = resolveProbe(q, this.#facts(contiv), 'GET /trace', TRACE_SOURCE_PORT);
    const r = probe(localWorld(dp), req);
    return explainProbe({ from: q.from, to: q.to, port: q.port, protocol: q.protocol, node: dp.node }, r, this.#provenance(dp, contiv));
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
    const verdict = (from: string, to: string, port: number, protocol: Protocol) => {
      const req = resolveProbe({ from, to, source: { kind: 'pod', ...split(from) }, target: { kind: 'pod', ...split(to) }, port, protocol }, facts, 'GET /reachability', TRACE_SOURCE_PORT);
      return probe(localWorld(dp), req);
    };
    return reachability(dp.node, pods, verdict, q);
  }

  #ready(): { dp: LocalDataPlane; contiv: ContivApi } {
    const { vpp, contiv } = this.deps;
    if (!vpp) throw new TraceUnavailableError('the build has no vpp plugin');
    const sim = vpp.inProcessSimulator?.();
    if (!sim) {
      throw new TraceUnavailableError('the vpp plugin does not run the in-process simulator (plugins.vpp.adapter is not "sim"), so there is no data plane model to trace; use `simulate` on manifests instead');
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
    return {
      node,
      localPodIp: (id) => contiv.localPod(split(id))?.ip,
      pod: (id) => {
        const p = ksr?.get('pod', id);
        return p ? { ...(p.ip !== undefined ? { ip: p.ip } : {}), ...(p.nodeName !== undefined ? { node: p.nodeName } : {}) } : undefined;
      },
      serviceIps: (id) => {
        const model = services?.service(id);
        if (model) return model.clusterIPs;
        const svc = ksr?.get('service', id);
        return svc ? svc.clusterIPs.filter((ip) => ip !== 'None' && ip !== '') : undefined;
      },
      nodeAddress: (name) => {
        if (name === node) return withoutPrefix(contiv.nodeIp());
        const remote = contiv.remoteNodes().find((n) => n.name === name)?.ip;
        return remote ?? ksr?.get('node', name)?.addresses.find((a) => a.type === 'InternalIP')?.address;
      },
    };
  }

  #provenance(dp: LocalDataPlane, contiv: ContivApi): TraceProvenance {
    const { ksr, policy, services } = this.deps;
    const byName = new Map([...dp.state.interfaces.values()].map((i) => [i.name, i.tag]));
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
      podByIp: (ip) => {
        const local = contiv.localPods().find((x) => x.ip === ip);
        if (local) return `${local.id.namespace}/${local.id.name}`;
        const pod = ksr?.list('pod').find((x) => x.ip === ip && !x.hostNetwork && !x.terminating);
        return pod ? `${pod.namespace}/${pod.name}` : undefined;
      },
      policiesOf: (pod) => policy?.policiesOf(pod) ?? [],
    };
  }
}
