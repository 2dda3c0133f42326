/**
 * @module The ready builds: `full` (the default of `contiv-ts agent`), `network` (pods and
 * nodes without policies and services) and `minimal`. A build only lists plugin classes;
 * the host derives their start order from their dependencies.
 */
import type { Build } from '../core/build.ts';
import { DatasyncPlugin } from '../core/datasync/datasync-plugin.ts';
import { KvstorePlugin } from '../core/kv/kvstore-plugin.ts';
import { ContivPlugin } from './contiv/contiv-plugin.ts';
import { KsrPlugin } from './ksr/ksr-plugin.ts';
import { PolicyPlugin } from './policy/policy-plugin.ts';
import { ServicePlugin } from './service/service-plugin.ts';
import { TracePlugin } from './trace/trace-plugin.ts';
import { VppPlugin } from './vpp/vpp-plugin.ts';

/** The store and the event loop: an agent that serves health, status, events and resync. */
export const minimalBuild: Build = { name: 'minimal', plugins: [KvstorePlugin, DatasyncPlugin] };

/** Pod wiring and node interconnect on VPP, without NetworkPolicies and Services. */
export const networkBuild: Build = {
  name: 'network',
  plugins: [...minimalBuild.plugins, KsrPlugin, VppPlugin, ContivPlugin],
};

/** Every plugin of contiv-ts. */
export const fullBuild: Build = { name: 'full', plugins: [...networkBuild.plugins, PolicyPlugin, ServicePlugin, TracePlugin] };

/** Builds by name, for `contiv-ts agent --build NAME`. */
export const builds: Readonly<Record<string, Build>> = { full: fullBuild, network: networkBuild, minimal: minimalBuild };
