/**
 * @module The ready builds: `full` (the default of `contiv-ts agent`) and `minimal`. A build
 * only lists plugin classes; the host derives their start order from their dependencies.
 */
import type { Build } from '../core/build.ts';
import { DatasyncPlugin } from '../core/datasync/datasync-plugin.ts';
import { KvstorePlugin } from '../core/kv/kvstore-plugin.ts';

/** The store and the event loop: an agent that serves health, status, events and resync. */
export const minimalBuild: Build = { name: 'minimal', plugins: [KvstorePlugin, DatasyncPlugin] };

/** Every plugin of contiv-ts (ksr, vpp, contiv, policy and service join as they land). */
export const fullBuild: Build = { name: 'full', plugins: [...minimalBuild.plugins] };

/** Builds by name, for `contiv-ts agent --build NAME`. */
export const builds: Readonly<Record<string, Build>> = { full: fullBuild, minimal: minimalBuild };
