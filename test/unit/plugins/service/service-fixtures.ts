/** @module Builders of Kubernetes model objects and node contexts for the service plugin's tests. */
import type {
  ContainerPort,
  EndpointAddress,
  EndpointPort,
  EndpointSlice,
  EndpointSubset,
  Endpoints,
  Pod,
  Service,
  ServicePort,
  SliceEndpoint,
} from '../../../../plugins/ksr/model.ts';
import type { NodeContext } from '../../../../plugins/service/node-context.ts';

/** A Service with API defaults; `ports` default to one TCP port 80 → 8080. */
export function service(name: string, over: Partial<Service> = {}): Service {
  return {
    namespace: 'default',
    name,
    type: 'ClusterIP',
    clusterIPs: ['10.96.0.10'],
    ports: [tcpPort(80, 8080)],
    selector: { app: name },
    externalIPs: [],
    loadBalancerIPs: [],
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    publishNotReadyAddresses: false,
    ...over,
  };
}

/** A TCP service port. */
export function tcpPort(port: number, targetPort: number | string, over: Partial<ServicePort> = {}): ServicePort {
  return { protocol: 'TCP', port, targetPort, ...over };
}

/** A running, ready pod. */
export function pod(name: string, ip: string, nodeName: string, over: Partial<Pod> = {}): Pod {
  return {
    namespace: 'default',
    name,
    labels: {},
    nodeName,
    ip,
    hostNetwork: false,
    phase: 'Running',
    ready: true,
    terminating: false,
    containerPorts: [],
    ...over,
  };
}

/** A named TCP container port. */
export function containerPort(name: string, containerPort: number): ContainerPort {
  return { name, containerPort, protocol: 'TCP' };
}

/** An endpoint address of a pod. */
export function address(ip: string, nodeName?: string, podName?: string): EndpointAddress {
  return {
    ip,
    ...(nodeName === undefined ? {} : { nodeName }),
    ...(podName === undefined ? {} : { targetPod: { namespace: 'default', name: podName } }),
  };
}

/** An Endpoints subset. */
export function subset(addresses: EndpointAddress[], ports: EndpointPort[], notReady: EndpointAddress[] = []): EndpointSubset {
  return { addresses, notReadyAddresses: notReady, ports };
}

/** An Endpoints object. */
export function endpoints(name: string, subsets: EndpointSubset[]): Endpoints {
  return { namespace: 'default', name, subsets };
}

/** An endpoint port (TCP, unnamed unless given). */
export function epPort(port: number, name?: string): EndpointPort {
  return { port, protocol: 'TCP', ...(name === undefined ? {} : { name }) };
}

/** A slice endpoint (ready unless told otherwise). */
export function sliceEndpoint(ip: string, nodeName: string | undefined, over: Partial<SliceEndpoint> = {}, podName?: string): SliceEndpoint {
  return {
    addresses: [ip],
    ready: true,
    serving: true,
    terminating: false,
    ...(nodeName === undefined ? {} : { nodeName }),
    ...(podName === undefined ? {} : { targetPod: { namespace: 'default', name: podName } }),
    ...over,
  };
}

/** An EndpointSlice of Service `serviceName`. */
export function slice(name: string, serviceName: string, eps: SliceEndpoint[], ports: EndpointPort[]): EndpointSlice {
  return { namespace: 'default', name, serviceName, endpoints: eps, ports };
}

/**
 * Node `node1` in VXLAN mode: node IP 192.168.16.1/24, gateway 192.168.16.254, pods
 * 10.1.1.0/24, other node at 192.168.16.2.
 */
export function nodeContext(over: Partial<NodeContext> = {}): NodeContext {
  return {
    nodeName: 'node1',
    nodeIp: '192.168.16.1/24',
    gateway: '192.168.16.254',
    podSubnet: '10.1.1.0/24',
    podGateway: '10.1.1.1',
    mainInterface: 'GigabitEthernet0/8/0',
    otherInterfaces: [],
    vxlanBvi: 'vxlanBVI',
    hostInterconnect: 'tap-vpp2',
    l2Mode: false,
    natExternalTraffic: true,
    ownAddresses: ['192.168.16.1'],
    otherNodeAddresses: ['192.168.16.2'],
    podInterfaces: ['tap0', 'tap1'],
    ...over,
  };
}
