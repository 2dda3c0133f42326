/**
 * @module Desired-state descriptor for `vpp/session/appns/<id>`: an application namespace
 * bound to an interface; the metadata is VPP's namespace index. `app_namespace_add_del`
 * adds or updates by id and VPP 22.10 cannot remove a namespace, so a delete only forgets it;
 * there is no dump either, so resync trusts the reconciler's own view.
 */
import type { VppChannel } from '../../channel.ts';
import { vppKeys, type AppNamespace } from '../../model.ts';
import type { Descriptor, DescriptorContext } from '../descriptor.ts';
import { APP_NAMESPACE } from './descriptor-names.ts';
import { checkInt, checkKey, checkTag } from './field-checks.ts';
import { interfaceIndex } from './lookups.ts';

/** Metadata of an application namespace. */
export interface AppNamespaceMeta {
  readonly appnsIndex: number;
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
  };
}
