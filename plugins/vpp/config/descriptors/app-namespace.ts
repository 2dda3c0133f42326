/**
 * @module Desired-state descriptor for `vpp/session/appns/<id>`: an application namespace
 * bound to an interface; the metadata is VPP's namespace index. `app_namespace_add_del`
 * adds or updates by id (the same id keeps its index) and VPP 22.10 cannot remove a namespace,
 * so a delete only forgets it. VPP cannot list namespaces either, so the dump infers them
 * (after the session-layer and interface dumps): a wanted namespace exists when the session
 * layer is on and its interface is ours in VPP — we create the namespace right after its
 * interface, and a VPP that lost the namespace (a restart) lost the tagged interface too.
 * Without that evidence the namespace is created, which re-adds it under the same index.
 */
import type { VppChannel } from '../../channel.ts';
import { vppKeys, type AppNamespace, type SessionLayer } from '../../model.ts';
import type { Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { APP_NAMESPACE, INTERFACE, SESSION_LAYER } from './descriptor-names.ts';
import { checkInt, checkKey, checkTag } from './field-checks.ts';
import { interfaceIndex } from './lookups.ts';

/** Metadata of an application namespace. */
export interface AppNamespaceMeta {
  /** VPP's index; unknown for a namespace inferred by the dump of a restarted agent. */
  readonly appnsIndex?: number;
}

/** The app-namespace descriptor over `ch`. */
export function appNamespaceDescriptor(ch: VppChannel): Descriptor<AppNamespace, AppNamespaceMeta> {
  const add = async (ns: AppNamespace, ctx: DescriptorContext): Promise<AppNamespaceMeta> => {
    const reply = await ch.request({
      _msgname: 'app_namespace_add_del',
      secret: BigInt(ns.secret),
      sw_if_index: interfaceIndex(ctx, ns.interface),
      ip4_fib_id: 0,
      ip6_fib_id: 0,
      namespace_id: ns.namespaceId,
    });
    return { appnsIndex: reply.appns_index };
  };
  return {
    name: APP_NAMESPACE,
    keyPrefix: 'vpp/session/appns/',
    validate(key, ns) {
      checkTag(key, 'namespaceId', ns.namespaceId);
      checkTag(key, 'interface', ns.interface);
      checkInt(key, 'secret', ns.secret, 0, Number.MAX_SAFE_INTEGER);
      checkKey(key, vppKeys.appNamespace(ns.namespaceId));
    },
    // VPP refuses namespaces while the session layer is off.
    dependencies: (_key, ns) => [
      { label: 'session-layer-exists', key: vppKeys.sessionLayer() },
      { label: 'interface-exists', key: vppKeys.interface(ns.interface) },
    ],
    create: (_key, ns, ctx) => add(ns, ctx),
    update: (_key, ns, _applied, _meta, ctx) => add(ns, ctx),
    delete: async () => undefined,
    dumpAfter: [SESSION_LAYER, INTERFACE],
    async dump(ctx) {
      const ours: DumpedValue<AppNamespace, AppNamespaceMeta>[] = [];
      // VPP refuses namespaces while the layer is off (and drops them when it restarts).
      if (!ctx.values(SESSION_LAYER).some((v) => (v.value as SessionLayer).enabled)) return { ours, foreign: [] };
      for (const key of ctx.desiredKeys('vpp/session/appns/')) {
        const previous = ctx.previous(key);
        const ns = (previous?.value ?? ctx.correlate(key)) as AppNamespace | undefined;
        if (!ns || ctx.metadata(vppKeys.interface(ns.interface)) === undefined) continue;
        ours.push({ key, value: ns, metadata: (previous?.metadata as AppNamespaceMeta | undefined) ?? {} });
      }
      return { ours, foreign: [] };
    },
  };
}
