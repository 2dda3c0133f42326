/** @module `GET /contiv`: what the contiv plugin knows (node, addresses, pods, other nodes) as JSON. */
import { Hono } from 'hono';
import type { ContivApi } from './api.ts';

/** The read-only contiv routes (mounted under `/contiv`). */
export function contivRoutes(api: ContivApi): Hono {
  const app = new Hono();
  app.get('/', (c) =>
    c.json({
      node: api.nodeName(),
      nodeId: api.nodeId(),
      nodeIp: api.nodeIp() ?? null,
      defaultGateway: api.defaultGateway() ?? null,
      podSubnet: api.podSubnet(),
      podGateway: api.podGateway(),
      mainInterface: api.mainInterface(),
      vxlanBvi: api.vxlanBvi() ?? null,
      hostInterconnect: api.hostInterconnect(),
      l2Mode: api.isL2Mode(),
      tcpStack: api.tcpStackEnabled(),
      pods: api.localPods(),
      remoteNodes: api.remoteNodes(),
    }),
  );
  return app;
}
