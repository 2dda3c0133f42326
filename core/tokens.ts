/** @module Injection tokens of the framework: leaf module, types and symbols only. */
import type { InjectionToken } from 'tsyringe';
import type { Logger } from './log/logger.ts';
import type { StatusReporter } from './status/agent-status.ts';
import type { HttpRoutes } from './http/http-routes.ts';
import type { AgentInfo } from './agent-info.ts';
import type { Clock } from './clock.ts';
import type { KeyValueStore } from './kv/key-value-store.ts';
import type { Datasync } from './datasync/datasync.ts';
import type { PluginRegistry } from './plugin-registry.ts';

/** The plugin's own logger (a child of the agent's registry named after the plugin). */
export const LOGGER: InjectionToken<Logger> = Symbol('contiv.Logger');
/** The plugin's own status reporter. */
export const STATUS_REPORTER: InjectionToken<StatusReporter> = Symbol('contiv.StatusReporter');
/** Where plugins mount REST routes (during `init`). */
export const HTTP_ROUTES: InjectionToken<HttpRoutes> = Symbol('contiv.HttpRoutes');
/** Facts about the agent: its name (node), plugin order, config source. */
export const AGENT_INFO: InjectionToken<AgentInfo> = Symbol('contiv.AgentInfo');
/** Time source; tests and the cluster simulation pass a manual clock. */
export const CLOCK: InjectionToken<Clock> = Symbol('contiv.Clock');


/** The agent's key-value store (memory or etcd), provided by the kvstore plugin. */
export const KV_STORE: InjectionToken<KeyValueStore> = Symbol('contiv.KeyValueStore');
/** The event loop and resync, provided by the datasync plugin. */
export const DATASYNC: InjectionToken<Datasync> = Symbol('contiv.Datasync');
/** The agent's plugin instances in start order (the datasync plugin drives resync hooks with it). */
export const PLUGIN_REGISTRY: InjectionToken<PluginRegistry> = Symbol('contiv.PluginRegistry');
