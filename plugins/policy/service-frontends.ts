/**
 * @module SERVICE_API's models as the frontend list the VPPTCP renderer judges: every TCP
 * and UDP frontend in effect on this node with the backends it forwards to. SCTP never
 * reaches the host stack's session rules, so it is left out.
 */
import type { ServiceApi } from '../service/api.ts';
import type { ServiceFrontend } from '../service/service-model.ts';
import { isIp4, parseIp4 } from '../net/ipv4.ts';
import type { FrontendBackend, FrontendTarget } from './frontend-rules.ts';
import { frontendKey } from './frontend-rules.ts';

interface Candidate {
  readonly serviceId: string;
  readonly frontend: ServiceFrontend;
}

function target(f: ServiceFrontend): FrontendTarget {
  const backends: FrontendBackend[] = f.backends.filter((b) => isIp4(b.ip)).map((b) => ({ ip: parseIp4(b.ip), port: b.port }));
  return { proto: f.protocol === 'TCP' ? 'tcp' : 'udp', ip: parseIp4(f.ip), port: f.port, backends };
}

/**
 * The frontends of `services`, sorted by {@link frontendKey}. When Services clash on one
 * frontend, the one whose NAT44 mapping is in effect (`services.frontend()`) counts.
 */
export function serviceFrontends(services: Pick<ServiceApi, 'services' | 'frontend'>): FrontendTarget[] {
  const byKey = new Map<string, Candidate[]>();
  for (const model of services.services()) {
    for (const port of model.ports) {
      for (const frontend of port.frontends) {
        if (frontend.protocol === 'SCTP' || !isIp4(frontend.ip)) continue;
        const key = frontendKey({ proto: frontend.protocol === 'TCP' ? 'tcp' : 'udp', ip: parseIp4(frontend.ip), port: frontend.port });
        const c: Candidate = { serviceId: model.id, frontend };
        const list = byKey.get(key);
        if (list) list.push(c);
        else byKey.set(key, [c]);
      }
    }
  }
  const out: FrontendTarget[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const candidates = byKey.get(key)!;
    if (candidates.length === 1) {
      out.push(target(candidates[0]!.frontend));
      continue;
    }
    const f = candidates[0]!.frontend;
    const owner = services.frontend(f.protocol, f.ip, f.port);
    const won = owner && candidates.find((c) => c.serviceId === owner.service.id);
    if (won) out.push(target(won.frontend));
  }
  return out;
}
