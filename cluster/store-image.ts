/**
 * @module What the simulated API server holds after a step, as the KSR would write it into
 * the store: every user object completed by the controllers (Nodes, Namespaces, Pods,
 * Services), hand-written endpoints as given, EndpointSlices derived for the other Services —
 * and the store operations that turn the previous image into this one. Pure.
 */
import { BadInputError } from '../core/errors.ts';
import type { KvOp } from '../core/kv/key-value-store.ts';
import { KSR_KINDS, ksrKey } from '../plugins/ksr/keys.ts';
import type { Pod } from '../plugins/ksr/model.ts';
import { generatedNodeJson, namespaceJson, nodeJson, serviceJson, type K8sJson } from './api-objects.ts';
import type { ClusterObjects } from './cluster-objects.ts';
import { compareText } from './compare-text.ts';
import { endpointSlicesFor, SERVICE_NAME_LABEL } from './endpoint-slices.ts';
import type { NodeLayout } from './node-layout.ts';
import type { ServiceAssignment } from './service-allocation.ts';

/** What the image is made of. */
export interface StoreImageInput {
  readonly objects: ClusterObjects;
  readonly layout: NodeLayout;
  /** The Pods as the kubelets report them, by key. */
  readonly podJsons: ReadonlyMap<string, K8sJson>;
  /** The same Pods decoded (for the EndpointSlice controller). */
  readonly pods: readonly Pod[];
  readonly assignments: ReadonlyMap<string, ServiceAssignment>;
}

/** The stored Node `name`: its manifest (or a generated one) with the layout's address and pod CIDR. */
export function storedNode(objects: ClusterObjects, layout: NodeLayout, name: string): K8sJson {
  const node = layout.node(name);
  if (!node) throw new RangeError(`node ${name} is not laid out`);
  return nodeJson(objects.get(ksrKey('node', name))?.json ?? generatedNodeJson(name), node);
}

/**
 * The complete image by key.
 * @throws {BadInputError} when a hand-written EndpointSlice takes the name of a derived one
 */
export function storeImage(i: StoreImageInput): Map<string, K8sJson> {
  const image = new Map<string, K8sJson>();
  for (const n of i.layout.nodes()) image.set(ksrKey('node', n.name), storedNode(i.objects, i.layout, n.name));
  for (const n of i.objects.ofKind('namespace')) image.set(n.key, namespaceJson(n.json, n.value.name));
  for (const kind of ['policy', 'endpoints', 'endpointslice'] as const) {
    for (const o of i.objects.ofKind(kind)) image.set(o.key, o.json);
  }
  for (const [key, json] of i.podJsons) image.set(key, json);
  const handWritten = new Set([
    ...i.objects.ofKind('endpoints').map((e) => e.id),
    ...i.objects.ofKind('endpointslice').map((e) => `${e.value.namespace}/${e.value.serviceName}`),
  ]);
  for (const s of i.objects.ofKind('service')) {
    image.set(s.key, serviceJson(s.json, i.assignments.get(s.id) ?? { nodePorts: [] }));
    if (handWritten.has(s.id)) continue;
    for (const slice of endpointSlicesFor(s.value, i.pods)) {
      const meta = slice.metadata as { readonly name: string; readonly namespace: string };
      const key = ksrKey('endpointslice', meta.name, meta.namespace);
      const clash = i.objects.get(key);
      if (clash) throw new BadInputError(clash.source, 'metadata.name', `clashes with an EndpointSlice simulate derives for Service ${s.id}: label the slice ${SERVICE_NAME_LABEL}=${s.value.name} or rename it`);
      image.set(key, slice);
    }
  }
  return image;
}

const rank = (key: string): number => KSR_KINDS.findIndex((k) => key.includes(`/k8s/${k}/`));

/**
 * The operations turning the stored values (`key` → JSON text) into `image`: deletions first,
 * then puts of new or changed values, namespaces and nodes before what lives in them.
 */
export function storeOps(stored: ReadonlyMap<string, string>, image: ReadonlyMap<string, K8sJson>): KvOp[] {
  const ops: KvOp[] = [];
  for (const key of [...stored.keys()].sort(compareText)) if (!image.has(key)) ops.push({ type: 'delete', key });
  for (const key of [...image.keys()].sort((a, b) => rank(a) - rank(b) || compareText(a, b))) {
    const value = JSON.stringify(image.get(key));
    if (stored.get(key) !== value) ops.push({ type: 'put', key, value });
  }
  return ops;
}
