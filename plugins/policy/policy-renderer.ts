/** @module The port between the pipeline and a renderer: a renderer owns one cache and turns its changes into VPP values. */
import type { VppTxn } from '../vpp/api.ts';
import type { CacheChanges, RendererCache } from './renderer-cache.ts';

/** Renderer names as configured (`plugins.policy.renderers`). */
export type RendererName = 'acl' | 'vpptcp';

/** VPP operations one render emitted. */
export interface RenderStats {
  readonly puts: number;
  readonly deletes: number;
}

/** A renderer: tables of one orientation → desired VPP values. */
export interface PolicyRenderer {
  readonly name: RendererName;
  /** The renderer's own cache (orientation fixed by the renderer). */
  readonly cache: RendererCache;
  /**
   * Emits the VPP values for the last commit's `changes`. With `resync`, emits the complete
   * state (the reconciler removes whatever is ours and not put) and forgets what it sent before.
   * `touched` are pods whose node facts (interface, app namespace) changed without a rule change.
   */
  render(changes: CacheChanges, txn: VppTxn, resync: boolean, touched?: readonly string[]): RenderStats;
}
