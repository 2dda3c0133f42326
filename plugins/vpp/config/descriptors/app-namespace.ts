/**
 * @module Desired-state descriptor for `vpp/session/appns/<id>`: an application namespace
 * bound to an interface; the metadata is VPP's namespace index. `app_namespace_add_del`
 * adds or updates by id (the same id keeps its index) and VPP 22.10 cannot remove a namespace,
 * so a delete detaches it from its interface (the index stays taken). VPP cannot list namespaces either, so the dump infers them
 * (after the session-layer and interface dumps): a wanted namespace exists when the session
 * layer is on and its interface is ours in VPP — we create the namespace right after its
 * interface, and a VPP that lost the namespace (a restart) lost the tagged interface too.
 * Without that evidence the namespace is created, which re-adds it under the same index.
 * Session rules name their namespace by id and take its index from this metadata; an inferred
 * namespace's index is known from this process or from our rules found in it, else the
 * session-rule descriptor reads it by re-adding the namespace when it first needs it.
 */
import type { VppChannel } from '../../channel.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { vppKeys, type AppNamespace, type SessionLayer } from '../../model.ts';
import type { Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { APP_NAMESPACE, INTERFACE, SESSION_LAYER } from './descriptor-names.ts';
import { checkInt, checkKey, checkTag } from './field-checks.ts';
import { interfaceIndex } from './lookups.ts';
import type { SessionSightings } from './session-sightings.ts';

/** Metadata of an application namespace. */
export interface AppNamespaceMeta {
  /** VPP's index; unknown for a namespace a restarted agent inferred and found no rule of ours in. */
  readonly appnsIndex?: number;
}

/**
 * Adds (or, for an existing id, updates) namespace `ns` in VPP; returns VPP's index. An update
 * with the same values changes nothing and keeps the index, so it also reads the index.
 */
export async function addAppNamespace(ch: VppChannel, ns: AppNamespace, ctx: Pick<DescriptorContext, 'metadata'>): Promise<number> {
  const reply = await ch.request({
    _msgname: 'app_namespace_add_del',
    secret: BigInt(ns.secret),
    sw_if_index: interfaceIndex(ctx, ns.interface),
    ip4_fib_id: 0,
    ip6_fib_id: 0,
    namespace_id: ns.namespaceId,
  });
  return reply.appns_index;
}

/** The app-namespace descriptor over `ch`; `seen` offers the indexes the session-rule dump learnt. */
export function appNamespaceDescriptor(ch: VppChannel, seen?: SessionSightings): Descriptor<AppNamespace, AppNamespaceMeta> {
  const add = async (ns: AppNamespace, ctx: DescriptorContext): Promise<AppNamespaceMeta> => ({ appnsIndex: await addAppNamespace(ch, ns, ctx) });
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
    // VPP 22.10 cannot remove a namespace: detach it from its interface instead, or it would
    // stay bound to the sw_if_index VPP hands to the next interface it creates.
    delete: async (_key, ns) => {
      await ch.request({
        _msgname: 'app_namespace_add_del',
        secret: BigInt(ns.secret),
        sw_if_index: U32_MAX,
        ip4_fib_id: 0,
        ip6_fib_id: 0,
        namespace_id: ns.namespaceId,
      });
    },
    dumpAfter: [SESSION_LAYER, INTERFACE],
    async dump(ctx) {
      const ours: DumpedValue<AppNamespace, AppNamespaceMeta>[] = [];
      // VPP refuses namespaces while the layer is off (and drops them when it restarts).
      if (!ctx.values(SESSION_LAYER).some((v) => (v.value as SessionLayer).enabled)) return { ours, foreign: [] };
      for (const key of ctx.desiredKeys('vpp/session/appns/')) {
        const previous = ctx.previous(key);
        const ns = (previous?.value ?? ctx.correlate(key)) as AppNamespace | undefined;
        if (!ns || ctx.metadata(vppKeys.interface(ns.interface)) === undefined) continue;
        // VPP's index: from this process, else from our rules the session-rule dump found in it.
        const index = (previous?.metadata as AppNamespaceMeta | undefined)?.appnsIndex ?? seen?.namespaceIndex(ns.namespaceId);
        ours.push({ key, value: ns, metadata: index === undefined ? {} : { appnsIndex: index } });
      }
      return { ours, foreign: [] };
    },
  };
}
